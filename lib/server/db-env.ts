// The database settings from the environment, read once and typed. No
// `server-only` here: the migrate and start scripts read the same settings.
import path from 'node:path';

import type { PGlite } from '@electric-sql/pglite';

/** Where the data lives: a PostgreSQL server, a PGlite folder, or an open PGlite. */
export type DatabaseTarget = { databaseUrl: string } | { pgliteDir: string } | { pglite: PGlite };

/** True for postgres:// and postgresql:// URLs, the only servers this app supports. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * `DATABASE_URL` (postgres://…) selects a PostgreSQL server; otherwise the
 * embedded PGlite database in `PGLITE_DIR`, by default `<cwd>/data/pglite`.
 */
export function databaseTargetFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { databaseUrl: string } | { pgliteDir: string } {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    if (!isPostgresUrl(databaseUrl)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…").`);
    }
    return { databaseUrl };
  }
  const pgliteDir = env.PGLITE_DIR?.trim() || path.join(process.cwd(), 'data', 'pglite');
  // The folder is chosen at run time; keep the bundler from tracing the project for it.
  return { pgliteDir: path.resolve(/*turbopackIgnore: true*/ pgliteDir) };
}

/** A log-safe description of a target (no password). */
export function describeTarget(target: DatabaseTarget): string {
  if ('databaseUrl' in target) {
    const url = new URL(target.databaseUrl);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  }
  if ('pgliteDir' in target) return `PGlite ${target.pgliteDir}`;
  return 'PGlite (open instance)';
}
