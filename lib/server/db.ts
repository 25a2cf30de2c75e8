import 'server-only';

import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { databaseTargetFromEnv } from './db-env';
import { createPrismaClient } from './prisma-factory';

export { createPrismaClient, type CreatePrismaClientOptions } from './prisma-factory';

/** The database handle every lib/server function takes. */
export type Db = PrismaClient;

/** Either the client or an open transaction, for reads shared by both. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

// On globalThis so that Next's dev-mode module reloads reuse the client: only
// one process-wide client may hold an embedded PGlite folder open.
const globalForDb = globalThis as typeof globalThis & { __khuyenhocDb?: PrismaClient };

/**
 * The process-wide PrismaClient, configured from DATABASE_URL or PGLITE_DIR
 * (default <cwd>/data/pglite). It never applies migrations: the start script
 * does that before the server starts (scripts/prepare.ts).
 */
export function getDb(): PrismaClient {
  globalForDb.__khuyenhocDb ??= createPrismaClient(databaseTargetFromEnv());
  return globalForDb.__khuyenhocDb;
}
