// The migration history: it builds exactly what schema.prisma describes, it
// deploys to an embedded PGlite folder and to PostgreSQL, a second deploy is
// a no-op, and a broken migration stops deploy instead of being recorded.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  applyMigrations,
  diffSchemaAgainstMigrations,
  MIGRATIONS_DIR,
  migrationStatus,
  openBlankPglite,
  readMigrationsList,
  SCHEMA_PATH,
} from '../../lib/server/migrations';

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

    const started = performance.now();
    const first = await applyMigrations({ pgliteDir });
    console.info(`deploy to a fresh PGlite folder: ${Math.round(performance.now() - started)} ms`);
    expect(first.applied).toEqual(localMigrations);

    const second = await applyMigrations({ pgliteDir });
    expect(second.applied).toEqual([]);

    const after = await migrationStatus({ pgliteDir });
    expect(after).toMatchObject({ pending: [], failed: [], edited: [], unknownApplied: [], schemaDrift: false });
  });

  it.skipIf(!DATABASE_URL)('applies every migration to a new PostgreSQL database, then nothing', async () => {
    const name = `kh_migrate_${process.pid}_${Date.now()}`;
    const url = new URL(DATABASE_URL!);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      const started = performance.now();
      const first = await applyMigrations({ databaseUrl: url.toString() });
      console.info(`deploy to PostgreSQL: ${Math.round(performance.now() - started)} ms`);
      expect(first.applied).toEqual(localMigrations);
      expect((await applyMigrations({ databaseUrl: url.toString() })).applied).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('stops at a broken migration, reports the database error, and stays blocked', async () => {
    const migrationsDir = path.join(tmp, 'broken-migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const broken = '99991231000000_broken';
    await mkdir(path.join(migrationsDir, broken));
    await writeFile(
      path.join(migrationsDir, broken, 'migration.sql'),
      'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n',
    );

    const pglite = await openBlankPglite();
    try {
      // The real PostgreSQL error, not "External error id#N".
      await expect(applyMigrations({ pglite }, { migrationsDir })).rejects.toThrow(/NoSuchTable/);
      // Recorded as failed, not applied, and rolled back as a whole.
      const { rows } = await pglite.query<{ migration_name: string; finished_at: Date | null }>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((row) => [row.migration_name, row.finished_at === null])).toEqual([
        ...localMigrations.map((name) => [name, false]),
        [broken, true],
      ]);
      expect((await pglite.query(`SELECT to_regclass('"Half"') AS t`)).rows).toEqual([{ t: null }]);
      // Prisma refuses further deploys until the failure is resolved.
      await expect(applyMigrations({ pglite }, { migrationsDir })).rejects.toThrow(/failed/);
    } finally {
      await pglite.close();
    }
  });
});
