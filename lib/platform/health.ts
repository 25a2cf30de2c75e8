import 'server-only';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import type { DbClient } from './db';
import { sqlStateOfError } from './db-errors';
import { getLogger } from './logger';

// What GET /api/health answers: the database answers, and every migration in
// prisma/migrations is applied. Cheap enough for a load balancer to ask every
// few seconds: one read of _prisma_migrations (a small table no request
// writes, so no row lock can hold it up), and the folder list read once per
// process (a deployment ships its migrations with its build, so they cannot
// change under a running server).
//
// A write stuck behind a locked row does not make this check fail: the query
// runs outside any transaction, on one of the pool connections that
// transactions may not take (lib/platform/prisma-factory.ts), and waits at
// most DB_TIMEOUT_MS. On PGlite, one connection for everything, it waits for
// an open transaction to end, as every query there does.

export type HealthBody = {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  migrations: 'up-to-date' | 'pending' | 'failed' | 'unknown';
  /** Migrations in the folder that the database has not applied. */
  pending?: string[];
  /** Migrations recorded as started but not finished (a failed deploy). */
  failed?: string[];
};

/** The server runs from the project folder (`next start`), where the migrations are. */
const DEFAULT_MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'prisma', 'migrations');
const DB_TIMEOUT_MS = 3_000;
const UNDEFINED_TABLE = '42P01';

const folderCache = new Map<string, Promise<string[]>>();

/** The migration folders' names, read once per process and folder. */
function localMigrations(dir: string): Promise<string[]> {
  let list = folderCache.get(dir);
  if (!list) {
    list = readdir(dir, { withFileTypes: true }).then((entries) =>
      entries.filter((e) => e.isDirectory()).map((e) => e.name).sort(),
    );
    list.catch(() => folderCache.delete(dir)); // a missing folder is looked for again next time
    folderCache.set(dir, list);
  }
  return list;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

type MigrationRow = { migration_name: string; finished: boolean; rolled_back: boolean };

export async function checkHealth(
  db: DbClient,
  { migrationsDir = DEFAULT_MIGRATIONS_DIR }: { migrationsDir?: string } = {},
): Promise<{ httpStatus: 200 | 503; body: HealthBody }> {
  let rows: MigrationRow[];
  try {
    rows = await withTimeout(
      db.$queryRaw<MigrationRow[]>`
          SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
          FROM _prisma_migrations`.catch((error: unknown) => {
        // No migration table yet: the database answers, and every migration is pending.
        if (sqlStateOfError(error) === UNDEFINED_TABLE) return [];
        throw error;
      }),
      DB_TIMEOUT_MS,
    );
  } catch (error) {
    getLogger().warn({ action: 'health', err: error }, 'health check: the database does not answer');
    return { httpStatus: 503, body: { status: 'error', database: 'error', migrations: 'unknown' } };
  }

  let local: string[];
  try {
    local = await localMigrations(migrationsDir);
  } catch (error) {
    getLogger().warn({ action: 'health', err: error, migrationsDir }, 'health check: cannot read the migrations folder');
    return { httpStatus: 503, body: { status: 'error', database: 'ok', migrations: 'unknown' } };
  }
  const applied = new Set(rows.filter((r) => r.finished && !r.rolled_back).map((r) => r.migration_name));
  const failed = rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name);
  const pending = local.filter((name) => !applied.has(name));
  if (failed.length) {
    return { httpStatus: 503, body: { status: 'error', database: 'ok', migrations: 'failed', failed, pending } };
  }
  if (pending.length) {
    return { httpStatus: 503, body: { status: 'error', database: 'ok', migrations: 'pending', pending } };
  }
  return { httpStatus: 200, body: { status: 'ok', database: 'ok', migrations: 'up-to-date' } };
}
