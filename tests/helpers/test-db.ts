// A fresh, fully migrated database per call, for integration tests.
//
// Default: an in-memory PGlite database, started from a snapshot of a
// database that `applyMigrations` (the code behind `npm run db:migrate`)
// migrated once. So every test database is exactly what deploy produces,
// `_prisma_migrations` included, without paying PGlite's initdb (seconds) per
// call. The snapshot is cached in memory and under node_modules/.cache, keyed
// by the migration files, so it is rebuilt whenever a migration changes.
//
// With DATABASE_URL set (postgres://…): a uniquely named database on that
// server, migrated with `applyMigrations` and dropped by close().
import { createHash, randomBytes } from 'node:crypto';

import pg from 'pg';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { applyMigrations, installedEnginesVersion, readMigrationsList } from '../../lib/platform/migrations';
import {
  cachedSnapshot,
  type DataDirSnapshot,
  dumpPglite,
  installedPgliteVersion,
  openBlankPglite,
  openSnapshot,
} from '../../lib/platform/pglite-snapshot';
import { createPrismaClient } from '../../lib/platform/prisma-factory';

export interface TestDb {
  db: PrismaClient;
  /** Disconnects and discards the database. */
  close: () => Promise<void>;
  kind: 'pglite' | 'postgres';
}

/** `onQuery`: called for every SQL statement the client sends (see createPrismaClient). */
export async function createTestDb({ onQuery }: { onQuery?: () => void } = {}): Promise<TestDb> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  return databaseUrl ? createPostgresTestDb(databaseUrl, onQuery) : createPgliteTestDb(onQuery);
}

// ---------------------------------------------------------------------------
// PGlite

async function createPgliteTestDb(onQuery?: () => void): Promise<TestDb> {
  const pglite = await openSnapshot(await migratedSnapshot());
  const db = createPrismaClient({ pglite, onQuery });
  return {
    db,
    kind: 'pglite',
    async close() {
      try {
        await db.$disconnect();
      } finally {
        await pglite.close();
      }
    },
  };
}

/** The migrated database; the cache key changes with any migration file. */
async function migratedSnapshot(): Promise<DataDirSnapshot> {
  const list = await readMigrationsList();
  const hash = createHash('sha256');
  hash.update(`pglite ${installedPgliteVersion()} engine ${installedEnginesVersion()}\n`);
  hash.update(list.lockfile.content ?? '');
  for (const dir of list.migrationDirectories) {
    const { content } = dir.migrationFile;
    hash.update(`\0${dir.path}\0${content.tag}\0${content.value}`);
  }
  return cachedSnapshot(`migrated-${hash.digest('hex').slice(0, 16)}`, async () => {
    const pglite = await openBlankPglite();
    try {
      await applyMigrations({ pglite });
      return await dumpPglite(pglite);
    } finally {
      await pglite.close();
    }
  });
}

// ---------------------------------------------------------------------------
// PostgreSQL

async function createPostgresTestDb(serverUrl: string, onQuery?: () => void): Promise<TestDb> {
  const name = `kh_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  try {
    await applyMigrations({ databaseUrl });
  } catch (error) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  const db = createPrismaClient({ databaseUrl, onQuery });
  return {
    db,
    kind: 'postgres',
    async close() {
      try {
        await db.$disconnect();
      } finally {
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    },
  };
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
