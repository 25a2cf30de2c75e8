// `npm run db:restore -- FILE [--force]`: puts a backup made by
// `npm run db:backup` back into the configured database. STOP THE PORTAL
// FIRST (every instance of it), and start it again afterwards.
//
// - PostgreSQL (DATABASE_URL): pg_restore in one transaction: if anything
//   fails, the database is left as it was. Into an empty database it just
//   restores; a database that already has tables is refused unless --force,
//   which drops and recreates every object the backup holds.
// - Embedded PGlite (PGLITE_DIR): the backup is unpacked into the folder.
//   A folder that already holds a database is refused unless --force, which
//   moves it aside to <folder>.before-restore-<date> (delete it yourself once
//   the restored portal works).
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

import { describeTarget } from '../lib/platform/db-env';
import { parseDatabaseTarget, type EnvDatabaseTarget } from '../lib/platform/env';
import { backupKindOf, IN_USE_MESSAGE, pgConnection, pgliteFolderInUse, runPgTool } from './backup';

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

async function fileHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r').catch(() => {
    throw new RestoreRefused(`Không có tệp sao lưu / no backup file at ${file}`);
  });
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function tableCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

async function restorePostgres(databaseUrl: string, file: string, force: boolean): Promise<void> {
  const tables = await tableCount(databaseUrl);
  if (tables > 0 && !force) {
    throw new RestoreRefused(
      `Cơ sở dữ liệu đã có ${tables} bảng; thêm --force để thay toàn bộ bằng bản sao lưu. / ` +
        `The database already has ${tables} tables; add --force to replace them with the backup.`,
    );
  }
  const { url, env } = pgConnection(databaseUrl);
  runPgTool(
    'pg_restore',
    [
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      ...(tables > 0 ? ['--clean', '--if-exists'] : []),
      `--dbname=${url}`,
      file,
    ],
    env,
  );
}

async function restorePglite(dir: string, file: string, force: boolean, now: Date): Promise<string | null> {
  let movedAside: string | null = null;
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.length > 0) {
    if (!force) {
      throw new RestoreRefused(
        `Thư mục ${dir} không trống; thêm --force để chuyển nó sang chỗ khác và khôi phục. / ` +
          `The folder ${dir} is not empty; add --force to move it aside and restore.`,
      );
    }
    if (pgliteFolderInUse(dir)) console.warn(`[khôi phục / restore] ${IN_USE_MESSAGE}`);
    movedAside = `${dir}.before-restore-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
    await rename(dir, movedAside);
  }
  const tarball = new Blob([new Uint8Array(await readFile(file))]);
  try {
    const db = await PGlite.create({ dataDir: dir, loadDataDir: tarball });
    try {
      await db.query('SELECT count(*) FROM _prisma_migrations'); // the restored database opens and is ours
      await db.exec('CHECKPOINT');
    } finally {
      await db.close();
    }
  } catch (error) {
    if (movedAside) {
      // Put the previous database back rather than leave a half-restored folder.
      await rm(dir, { recursive: true, force: true });
      await rename(movedAside, dir);
    }
    throw error;
  }
  return movedAside;
}

/** Restores `file` into the target. Throws RestoreRefused when it will not overwrite without --force. */
export async function restoreDatabase(
  target: EnvDatabaseTarget,
  file: string,
  { force = false, now = new Date() }: { force?: boolean; now?: Date } = {},
): Promise<{ movedAside: string | null }> {
  const absolute = path.resolve(file);
  const kind = backupKindOf(await fileHead(absolute));
  const wanted = 'databaseUrl' in target ? 'pg_dump' : 'pglite';
  if (kind !== wanted) {
    const what = kind === 'pg_dump' ? 'PostgreSQL (pg_dump)' : kind === 'pglite' ? 'PGlite' : 'không rõ / unknown';
    throw new RestoreRefused(
      `Tệp ${absolute} là bản sao lưu ${what}, không khôi phục được vào ${describeTarget(target)}. / ` +
        `${absolute} is a ${what} backup and cannot be restored into ${describeTarget(target)}.`,
    );
  }
  if ('databaseUrl' in target) {
    await restorePostgres(target.databaseUrl, absolute, force);
    return { movedAside: null };
  }
  // PGlite does not create parent folders.
  await mkdir(path.dirname(target.pgliteDir), { recursive: true });
  return { movedAside: await restorePglite(target.pgliteDir, absolute, force, now) };
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('Cách dùng / usage: npm run db:restore -- FILE [--force]');
    return 64;
  }
  const target = parseDatabaseTarget();
  console.log(`[khôi phục / restore] ${describeTarget(target)} ← ${path.resolve(file)}`);
  console.log('[khôi phục / restore] Cổng báo cáo phải đang dừng / the portal must be stopped.');
  const started = performance.now();
  const { movedAside } = await restoreDatabase(target, file, { force: argv.includes('--force') });
  if (movedAside) console.log(`[khôi phục / restore] Dữ liệu cũ được giữ tại / the previous data is kept in ${movedAside}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[khôi phục / restore] Xong / done (${seconds} s). Khởi động lại cổng báo cáo / start the portal again.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[khôi phục / restore] Thất bại / failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(error instanceof RestoreRefused ? 2 : 1);
    },
  );
}
