// Builds PrismaClients for either backend. Kept free of `server-only` so
// scripts (tsx) and tests can use it; the app goes through ./db.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

import { PrismaClient } from '../generated/prisma/client';

import { isPostgresUrl } from './db-env';

export type { DatabaseTarget } from './db-env';

export interface CreatePrismaClientOptions {
  /** postgres:// or postgresql:// URL of a PostgreSQL server. */
  databaseUrl?: string;
  /** Folder of an embedded PGlite database (created if missing). */
  pgliteDir?: string;
  /** An already open PGlite instance; the caller closes it. */
  pglite?: PGlite;
  /** Called for every SQL statement the client sends (Prisma's query event): how `npm run bench` counts queries. */
  onQuery?: () => void;
}

/**
 * A PrismaClient on PostgreSQL (PrismaPg) or embedded PGlite (PrismaPGlite).
 * Exactly one option is used, in this order: pglite, databaseUrl, pgliteDir.
 * For pgliteDir the folder is opened lazily and closed by `$disconnect()`.
 */
export function createPrismaClient(opts: CreatePrismaClientOptions): PrismaClient {
  return clientOn(adapterFor(opts), opts.onQuery);
}

function adapterFor(opts: CreatePrismaClientOptions): PrismaPGlite | PrismaPg {
  if (opts.pglite) {
    return new PrismaPGlite(opts.pglite);
  }
  if (opts.databaseUrl) {
    if (!isPostgresUrl(opts.databaseUrl)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    }
    return new PrismaPg({ connectionString: opts.databaseUrl });
  }
  if (opts.pgliteDir) {
    return pgliteDirAdapter(opts.pgliteDir);
  }
  throw new Error('createPrismaClient needs databaseUrl, pgliteDir or pglite.');
}

function clientOn(adapter: PrismaPGlite | PrismaPg, onQuery: (() => void) | undefined): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', () => onQuery());
  // The event option only widens $on's type; the client is the same.
  return client as unknown as PrismaClient;
}

/**
 * Opens the folder when Prisma connects and closes it on `$disconnect()`, so
 * a disconnected client releases the folder for another process.
 */
function pgliteDirAdapter(dir: string): PrismaPGlite {
  const inMemory = dir.startsWith('memory://');
  const dataDir = inMemory ? dir : path.resolve(dir);
  const factory = new PrismaPGlite(undefined as unknown as PGlite);
  factory.connect = async () => {
    // PGlite does not create parent folders.
    if (!inMemory) mkdirSync(dataDir, { recursive: true });
    const client = await PGlite.create(dataDir);
    const adapter = await new PrismaPGlite(client).connect();
    adapter.dispose = () => client.close();
    return adapter;
  };
  return factory;
}
