// `npm run db:backup` and `npm run db:restore`, run as commands: seed, back
// up, change data, restore, and find every table exactly as it was (rows and
// sequences). On PostgreSQL when DATABASE_URL is set (throwaway databases),
// else on an embedded PGlite folder.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { THROWAWAY_START_PARAMS } from '../../lib/platform/pglite-snapshot';
import { createPostgresDatabase, databaseUrlFor, dropPostgresDatabase, seedPgliteFolder } from '../helpers/seeded-database';

const DATABASE_URL = process.env.DATABASE_URL?.trim();
const SLOW = 180_000;

type Query = (sql: string) => Promise<Record<string, unknown>[]>;
type Contents = Record<string, string[]>;

/** Every row of every table (as PostgreSQL's text form, sorted) and every sequence's position. */
async function contents(query: Query): Promise<Contents> {
  const out: Contents = {};
  const tables = await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  for (const { tablename } of tables) {
    const rows = await query(`SELECT t::text AS row FROM "${String(tablename)}" t ORDER BY 1`);
    out[String(tablename)] = rows.map((r) => String(r.row));
  }
  const sequences = await query(`SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
  out['(sequences)'] = sequences.map((s) => `${String(s.sequencename)}=${String(s.last_value)}`);
  return out;
}

/** Changes of every kind a restore must undo: updates, deletes, inserts, in the tables that matter. */
const CHANGES = [
  `UPDATE "Report" SET members = COALESCE(members, 0) + 1, version = version + 1`,
  `DELETE FROM "ModelFigure" WHERE model = 'CLAN'`,
  `UPDATE "AwardFigure" SET recipients = 0`,
  `INSERT INTO "AuditLog" (action, "entityType", "entityId") VALUES ('test.change', 'Report', 'x')`,
  `UPDATE "User" SET name = name || ' (đã sửa)'`,
];

function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function expectSameData(after: Contents, before: Contents) {
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kh-backup-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

if (DATABASE_URL) {
  describe('backup and restore on PostgreSQL (pg_dump custom format)', () => {
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const names = { main: `kh_backup_${suffix}`, empty: `kh_restore_${suffix}` };
    const urlOf = (name: string) => databaseUrlFor(DATABASE_URL, name);
    const queryOf =
      (url: string): Query =>
      async (sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      };
    let original: Contents;

    beforeAll(async () => {
      await createPostgresDatabase(DATABASE_URL, names.main);
      await createPostgresDatabase(DATABASE_URL, names.empty, { seed: false });
      original = await contents(queryOf(urlOf(names.main)));
    }, SLOW);
    afterAll(async () => {
      for (const name of Object.values(names)) await dropPostgresDatabase(DATABASE_URL, name);
    });

    it('restores every table exactly after the data changed', async () => {
      expect(original.Report.length).toBeGreaterThan(50);
      expect(original.AuditLog.length).toBeGreaterThan(0);
      const file = path.join(tmp, 'pg', 'khuyenhoc.dump');
      const env = { DATABASE_URL: urlOf(names.main) };

      const backup = run('backup', [file], env);
      expect(backup.output, backup.output).toContain('Đã ghi / written');
      expect(backup.status).toBe(0);
      expect(backup.output).not.toMatch(/:[^@/]*@/); // no password in what it prints

      const query = queryOf(urlOf(names.main));
      for (const sql of CHANGES) await query(sql);
      const changed = await contents(query);
      expect(changed.Report).not.toEqual(original.Report);
      expect(changed.AuditLog).not.toEqual(original.AuditLog);

      const refused = run('restore', [file], env);
      expect(refused.status).toBe(2);
      expect(refused.output).toMatch(/đã có \d+ bảng.*--force/);
      expect(await contents(query)).toEqual(changed);

      const restored = run('restore', [file, '--force'], env);
      expect(restored.status, restored.output).toBe(0);
      expectSameData(await contents(query), original);
    }, SLOW);

    it('restores into an empty database, and refuses a PGlite backup', async () => {
      const file = path.join(tmp, 'pg', 'khuyenhoc.dump');
      const env = { DATABASE_URL: urlOf(names.empty) };
      const restored = run('restore', [file], env);
      expect(restored.status, restored.output).toBe(0);
      expectSameData(await contents(queryOf(urlOf(names.empty))), original);

      const fake = path.join(tmp, 'pg', 'fake.tar.gz');
      await writeFile(fake, new Uint8Array([0x1f, 0x8b, 8, 0]));
      const wrong = run('restore', [fake, '--force'], env);
      expect(wrong.status).toBe(2);
      expect(wrong.output).toMatch(/PGlite backup and cannot be restored into PostgreSQL/);
    }, SLOW);
  });
} else {
  describe('backup and restore on the embedded database (PGlite folder)', () => {
    let dir: string;
    let original: Contents;
    const folderContents = async (folder: string): Promise<Contents> => {
      const db = await PGlite.create(folder, { startParams: [...THROWAWAY_START_PARAMS] });
      try {
        return await contents(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
      } finally {
        await db.close();
      }
    };

    beforeAll(async () => {
      dir = path.join(tmp, 'data', 'pglite');
      await seedPgliteFolder(dir);
      original = await folderContents(dir);
    }, SLOW);

    it('restores every table exactly after the data changed; refuses a non-empty folder without --force', async () => {
      expect(original.Report.length).toBeGreaterThan(50);
      const file = path.join(tmp, 'backups', 'khuyenhoc.tar.gz');
      const env = { PGLITE_DIR: dir };

      const backup = run('backup', [file], env);
      expect(backup.status, backup.output).toBe(0);
      expect(backup.output).toContain('hãy dừng cổng báo cáo trước khi sao lưu / embedded database: stop the portal before backing up');
      expect(existsSync(file)).toBe(true);

      const db = await PGlite.create(dir);
      try {
        for (const sql of CHANGES) await db.exec(sql);
      } finally {
        await db.close();
      }
      const changed = await folderContents(dir);
      expect(changed.Report).not.toEqual(original.Report);

      const refused = run('restore', [file], env);
      expect(refused.status).toBe(2);
      expect(refused.output).toMatch(/không trống; thêm --force.*is not empty; add --force/);
      expect(await folderContents(dir)).toEqual(changed);

      const restored = run('restore', [file, '--force'], env);
      expect(restored.status, restored.output).toBe(0);
      expectSameData(await folderContents(dir), original);
      // The replaced database is kept aside, not deleted.
      const aside = (await readdir(path.dirname(dir))).filter((name) => name.startsWith('pglite.before-restore-'));
      expect(aside).toHaveLength(1);
      expectSameData(await folderContents(path.join(path.dirname(dir), aside[0])), changed);
    }, SLOW);

    it('restores into a new folder, and refuses to back up a folder that is open', async () => {
      const file = path.join(tmp, 'backups', 'khuyenhoc.tar.gz');
      const fresh = path.join(tmp, 'other', 'pglite');
      const restored = run('restore', [file], { PGLITE_DIR: fresh });
      expect(restored.status, restored.output).toBe(0);
      expectSameData(await folderContents(fresh), original);

      const open = await PGlite.create(fresh);
      try {
        const refused = run('backup', [path.join(tmp, 'backups', 'while-open.tar.gz')], { PGLITE_DIR: fresh });
        expect(refused.status).toBe(1);
        expect(refused.output).toMatch(/is the portal running\?/);
        expect(existsSync(path.join(tmp, 'backups', 'while-open.tar.gz'))).toBe(false);
      } finally {
        await open.close();
      }
    }, SLOW);
  });
}
