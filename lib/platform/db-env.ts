// The database settings from the environment. No `server-only` here: the
// migrate and start scripts read the same settings. The variables themselves
// are parsed (and refused with a clear message) by ./env.ts.
import type { PGlite } from '@electric-sql/pglite';

import { isPostgresUrl, parseDatabaseTarget, type RawEnv } from './env';

export { isPostgresUrl };

/** Where the data lives: a PostgreSQL server, a PGlite folder, or an open PGlite. */
export type DatabaseTarget = { databaseUrl: string } | { pgliteDir: string } | { pglite: PGlite };

/**
 * `DATABASE_URL` (postgres://…) selects a PostgreSQL server; otherwise the
 * embedded PGlite database in `PGLITE_DIR`, by default `<cwd>/data/pglite`.
 * Only the two database variables are read here, so a script that needs no
 * session secret (migrate, seed, backup) runs without one.
 */
export function databaseTargetFromEnv(env: RawEnv = process.env): { databaseUrl: string } | { pgliteDir: string } {
  return parseDatabaseTarget(env);
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
