import 'server-only';

import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { databaseTargetFromEnv } from './db-env';
import { countDbQueriesFromEnv } from './env';
import { createPrismaClient } from './prisma-factory';

export { createPrismaClient, type CreatePrismaClientOptions } from './prisma-factory';

/** The database handle every lib/server function takes. */
export type Db = PrismaClient;

/** Either the client or an open transaction, for reads shared by both. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

// On globalThis so that Next's dev-mode module reloads reuse the client: only
// one process-wide client may hold an embedded PGlite folder open.
const globalForDb = globalThis as typeof globalThis & { __khuyenhocDb?: PrismaClient; __khuyenhocDbQueries?: number };

/**
 * The process-wide PrismaClient, configured from DATABASE_URL or PGLITE_DIR
 * (default <cwd>/data/pglite). It never applies migrations: the start script
 * does that before the server starts (scripts/prepare.ts).
 */
export function getDb(): PrismaClient {
  if (!globalForDb.__khuyenhocDb) {
    const counting = countDbQueriesFromEnv();
    if (counting) globalForDb.__khuyenhocDbQueries = 0;
    globalForDb.__khuyenhocDb = createPrismaClient({
      ...databaseTargetFromEnv(),
      onQuery: counting
        ? () => {
            globalForDb.__khuyenhocDbQueries! += 1;
          }
        : undefined,
    });
  }
  return globalForDb.__khuyenhocDb;
}

/** With COUNT_DB_QUERIES=true, the SQL statements this process has sent so far; otherwise null. */
export function dbQueriesSent(): number | null {
  return globalForDb.__khuyenhocDbQueries ?? null;
}
