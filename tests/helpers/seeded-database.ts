// Seeded databases that a child process can open (a PGlite folder, or a
// throwaway PostgreSQL database), for the tests that run commands or kill
// processes: backup/restore and crash safety.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';

import { applyMigrations } from '../../lib/platform/migrations';
import { dumpPglite, openBlankPglite } from '../../lib/platform/pglite-snapshot';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { seedDemo } from '../../prisma/seed';
import { adminQuery } from './test-db';

/**
 * A migrated database with the demo data in a PGlite folder, as `npm start`
 * leaves it. Built in memory and unpacked into the folder, which is much
 * faster than initdb in a folder.
 */
export async function seedPgliteFolder(dir: string): Promise<void> {
  const memory = await openBlankPglite();
  let tarball: Blob;
  try {
    await applyMigrations({ pglite: memory });
    const db = createPrismaClient({ pglite: memory });
    await seedDemo(db, { bcryptRounds: 4 });
    await db.$disconnect();
    tarball = await dumpPglite(memory);
  } finally {
    await memory.close();
  }
  await mkdir(path.dirname(dir), { recursive: true }); // PGlite does not create parent folders
  const folder = await PGlite.create({ dataDir: dir, loadDataDir: tarball });
  await folder.close();
}

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}


/** A new database `name` on the server, migrated, with the demo data unless `seed` is false. Returns its URL. */
export async function createPostgresDatabase(serverUrl: string, name: string, { seed = true } = {}): Promise<string> {
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = databaseUrlFor(serverUrl, name);
  if (!seed) return databaseUrl;
  await applyMigrations({ databaseUrl });
  const db = createPrismaClient({ databaseUrl });
  try {
    await seedDemo(db, { bcryptRounds: 4 });
  } finally {
    await db.$disconnect();
  }
  return databaseUrl;
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
