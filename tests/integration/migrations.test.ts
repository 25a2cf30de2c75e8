// The migration history: it builds exactly what schema.prisma describes, it
// deploys to an embedded PGlite folder and to PostgreSQL, a second deploy is
// a no-op, and a broken migration stops deploy instead of being recorded.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  applyMigrations,
  type DatabaseTarget,
  diffSchemaAgainstMigrations,
  MIGRATIONS_DIR,
  migrationStatus,
  readMigrationsList,
  SCHEMA_PATH,
} from '../../lib/platform/migrations';
import { openBlankPglite } from '../../lib/platform/pglite-snapshot';

const DATABASE_URL = process.env.DATABASE_URL?.trim();

let tmp: string;
let localMigrations: string[];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kh-migrations-'));
  localMigrations = (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('schema.prisma and prisma/migrations', () => {
  it('agree: every schema change has a migration (run `npm run db:migrate:create -- <name>` if not)', async () => {
    const diff = await diffSchemaAgainstMigrations();
    expect(diff.script).toBe('');
    expect(diff.changed).toBe(false);
  });

  it('disagree as soon as the schema changes without a migration', async () => {
    const schemaPath = path.join(tmp, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const edited = schema.replace(/model Cluster \{\n/, 'model Cluster {\n  website String?\n');
    expect(edited).not.toBe(schema);
    await writeFile(schemaPath, edited);

    const diff = await diffSchemaAgainstMigrations({ schemaPath });
    expect(diff.changed).toBe(true);
    expect(diff.script).toContain('ALTER TABLE "Cluster" ADD COLUMN     "website" TEXT');
  });
});

describe('deploy', () => {
  it('creates a PGlite folder (and its parents), applies every migration, then nothing', async () => {
    const pgliteDir = path.join(tmp, 'nested', 'data', 'pglite');

    const before = await migrationStatus({ pgliteDir });
    expect(before.pending).toEqual(localMigrations);
    expect(existsSync(pgliteDir)).toBe(false); // asking must not create it

    const started = performance.now();
    const first = await applyMigrations({ pgliteDir });
    console.info(`deploy to a fresh PGlite folder: ${Math.round(performance.now() - started)} ms`);
    expect(first.applied).toEqual(localMigrations);

    const second = await applyMigrations({ pgliteDir });
    expect(second.applied).toEqual([]);

    const after = await migrationStatus({ pgliteDir });
    expect(after).toMatchObject({ pending: [], failed: [], edited: [], unknownApplied: [], schemaDrift: false });
  });

  // The PostgreSQL cases exist when the suite runs against a server (CI runs it both ways).
  if (DATABASE_URL) {
    it('applies every migration to a new PostgreSQL database, then nothing', async () => {
      await withThrowawayPostgres(async (databaseUrl) => {
        const started = performance.now();
        const first = await applyMigrations({ databaseUrl });
        console.info(`deploy to PostgreSQL: ${Math.round(performance.now() - started)} ms`);
        expect(first.applied).toEqual(localMigrations);
        expect((await applyMigrations({ databaseUrl })).applied).toEqual([]);
      });
    });
  }

  describe('with a broken migration', () => {
    const broken = '99991231000000_broken';
    let migrationsDir: string;

    beforeAll(async () => {
      migrationsDir = path.join(tmp, 'broken-migrations');
      await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
      await mkdir(path.join(migrationsDir, broken));
      await writeFile(
        path.join(migrationsDir, broken, 'migration.sql'),
        'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
      );
    });

    /** Deploy stops with the real database error, rolls the migration back whole, and stays blocked. */
    async function expectStopsAndBlocks(target: DatabaseTarget, query: (sql: string) => Promise<unknown[]>) {
      // The PostgreSQL error itself, not "External error id#N".
      await expect(applyMigrations(target, { migrationsDir })).rejects.toThrow(/NoSuchTable/);
      expect(
        await query('SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY 1'),
      ).toEqual([
        ...localMigrations.map((migration_name) => ({ migration_name, finished: true })),
        { migration_name: broken, finished: false },
      ]);
      expect(await query(`SELECT to_regclass('"Half"')::text AS half`)).toEqual([{ half: null }]);
      // Like Prisma, later deploys refuse to run until the failure is resolved.
      await expect(applyMigrations(target, { migrationsDir })).rejects.toThrow(/failed/);
    }

    it('on PGlite', async () => {
      const pglite = await openBlankPglite();
      try {
        await expectStopsAndBlocks({ pglite }, async (sql) => (await pglite.query(sql)).rows);
      } finally {
        await pglite.close();
      }
    });

    if (DATABASE_URL) {
      it('on PostgreSQL', async () => {
        await withThrowawayPostgres(async (databaseUrl) => {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            await expectStopsAndBlocks({ databaseUrl }, async (sql) => (await client.query(sql)).rows);
          } finally {
            await client.end();
          }
        });
      });
    }
  });
});

/** Runs `use` with the URL of a new, empty database on DATABASE_URL's server, then drops it. */
async function withThrowawayPostgres(use: (databaseUrl: string) => Promise<void>): Promise<void> {
  const name = `kh_migrate_${process.pid}_${Date.now()}`;
  const url = new URL(DATABASE_URL!);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    await use(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
