// `npm run db:backup -- [FILE]`: a full backup of the configured database.
//
// - PostgreSQL (DATABASE_URL): `pg_dump --format=custom`, restored with
//   pg_restore (`npm run db:restore -- FILE`). Safe while the portal runs: the
//   dump is one consistent snapshot. Needs pg_dump of the server's major
//   version or newer (Debian: apt-get install postgresql-client).
// - Embedded PGlite (PGLITE_DIR, default ./data/pglite): PGlite's own dump of
//   its data folder (a .tar.gz). STOP THE PORTAL FIRST: only one process may
//   open a PGlite folder, and a second one would damage it.
//
// It refuses a PGlite folder that is open (postmaster.pid present) unless
// --force is given. Without FILE the backup goes to ./backups/khuyenhoc-<date>-<time>.<ext>.
// The file is written under a temporary name and renamed when complete, so
// a backup that fails half-way never looks like a good one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { PGlite } from '@electric-sql/pglite';

import { describeTarget } from '../lib/platform/db-env';
import { parseDatabaseTarget, type EnvDatabaseTarget } from '../lib/platform/env';

/** The connection for pg_dump/pg_restore: the password goes in PGPASSWORD, not on the command line (ps shows it). */
export function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL client tool; throws with its own message when it fails. */
export function runPgTool(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.error) {
    throw new Error(
      `Không chạy được ${command} / cannot run ${command}: ${result.error.message}. ` +
        'Cài công cụ PostgreSQL / install the PostgreSQL client tools (apt-get install postgresql-client).',
    );
  }
  if (result.status !== 0) throw new Error(`${command} thất bại / failed (exit ${result.status}):\n${result.stderr.trim()}`);
  if (result.stderr.trim()) process.stderr.write(result.stderr);
}

/**
 * PGlite writes postmaster.pid into its folder while it has the folder open
 * and removes it on close: a running portal, or one that was killed.
 */
export function pgliteFolderInUse(dir: string): boolean {
  return existsSync(path.join(dir, 'postmaster.pid'));
}

export const IN_USE_MESSAGE =
  'Thư mục CSDL nhúng đang được mở (cổng báo cáo đang chạy?). Hãy dừng cổng báo cáo rồi chạy lại; nếu chắc chắn nó đã dừng ' +
  '(ví dụ sau khi máy tắt đột ngột), thêm --force. / The embedded database folder is open (is the portal running?). ' +
  'Stop the portal and run this again; if you are sure it is stopped (e.g. after a crash), add --force.';

/** What kind of backup a file holds, from its first bytes. */
export type BackupKind = 'pg_dump' | 'pglite';
export function backupKindOf(head: Uint8Array): BackupKind | null {
  if (head.length >= 5 && new TextDecoder().decode(head.subarray(0, 5)) === 'PGDMP') return 'pg_dump';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite'; // gzip
  return null;
}

function defaultFile(target: EnvDatabaseTarget, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const ext = 'databaseUrl' in target ? 'dump' : 'tar.gz';
  return path.join(process.cwd(), 'backups', `khuyenhoc-${stamp}.${ext}`);
}

/** Backs up the database to `file` (created with its folder). Returns the file and its size. */
export async function backupDatabase(
  target: EnvDatabaseTarget,
  file = defaultFile(target),
  { force = false }: { force?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  const absolute = path.resolve(file);
  if ('pgliteDir' in target && !force && pgliteFolderInUse(target.pgliteDir)) throw new Error(IN_USE_MESSAGE);
  if ('pgliteDir' in target && (absolute === target.pgliteDir || absolute.startsWith(target.pgliteDir + path.sep))) {
    throw new Error('Không được ghi bản sao lưu vào trong thư mục dữ liệu / the backup file cannot go inside the data folder.');
  }
  await mkdir(path.dirname(absolute), { recursive: true });
  const partial = `${absolute}.partial-${process.pid}`;
  try {
    if ('databaseUrl' in target) {
      const { url, env } = pgConnection(target.databaseUrl);
      runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`], env);
    } else {
      if (!existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) {
        throw new Error(`Không có cơ sở dữ liệu trong / there is no database in ${target.pgliteDir}`);
      }
      const db = await PGlite.create(target.pgliteDir);
      try {
        await db.exec('CHECKPOINT'); // everything in the data files: the copy starts without recovery
        const tarball = await db.dumpDataDir('gzip');
        await writeFile(partial, new Uint8Array(await tarball.arrayBuffer()), { mode: 0o600 });
      } finally {
        await db.close();
      }
    }
    await rename(partial, absolute);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { file: absolute, bytes: (await stat(absolute)).size };
}

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a) => !a.startsWith('--'));
  const target = parseDatabaseTarget();
  console.log(`[sao lưu / backup] ${describeTarget(target)}`);
  if ('pgliteDir' in target) {
    console.log('[sao lưu / backup] CSDL nhúng: hãy dừng cổng báo cáo trước khi sao lưu / embedded database: stop the portal before backing up.');
  }
  const started = performance.now();
  const result = await backupDatabase(target, file, { force: argv.includes('--force') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[sao lưu / backup] Đã ghi / written ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, ${seconds} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Exit explicitly: an embedded PGlite can keep the event loop alive after closing.
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`[sao lưu / backup] Thất bại / failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
