// Builds PrismaClients for either backend. Kept free of `server-only` so
// scripts (tsx) and tests can use it; the app goes through ./db.ts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { IsolationLevel, SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
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
    return postgresAdapter(opts.databaseUrl);
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

// ---------------------------------------------------------------------------
// A database under pressure
//
// One row locked for long (a large history import, a stuck process) must not stall the whole
// instance. Without limits, every save of that row waited for it, each holding one of the pool's
// connections, until the pool was empty and every page and the health check waited too. So, on
// PostgreSQL, every connection of the pool starts with:
//   - lock_timeout: a statement that waits this long for a row lock gives up (SQLSTATE 55P03);
//     a save's own locks last milliseconds, so only a stuck or very long writer makes others wait.
//     It counts per lock: a save queued behind another waiter for the same row first waits for
//     that waiter, then for the holder, so it may wait twice this long;
//   - statement_timeout: no statement runs longer (57014); far above what the portal's queries
//     take (npm run bench times them at national scale), and an import writes in chunks;
//   - idle_in_transaction_session_timeout: a transaction left open by a frozen process does not
//     keep its locks for ever;
// and the pool gives up after connectionTimeoutMillis instead of queueing a request for ever.
// lib/platform/db-errors.ts turns each of these into "try again" (409 or 503); nothing is written,
// since PostgreSQL rolls the transaction back.
//
// Interactive transactions may hold at most all but READ_RESERVE of the pool's connections at
// once: the others stay free for statements outside a transaction (every page's reads, the
// session, /api/health), whatever the writers are waiting for. A transaction waiting for a slot
// counts against its own maxWait, as waiting for a connection does.
//
// Each setting can be changed per deployment in DATABASE_URL's query string: pg reads
// `lock_timeout`, `statement_timeout` and `idle_in_transaction_session_timeout` (milliseconds)
// from it, over these defaults; `connection_limit` (the pool's size) and `pool_timeout` (seconds)
// keep the names Prisma's own engine used, e.g. `…/khuyenhoc?connection_limit=20&lock_timeout=5000`.
//
// On PGlite none of this applies, and none is set. PGlite is one connection inside this process
// that runs one statement at a time, and an open transaction holds it until the end: there is no
// other session to hold a lock, so no lock wait, and nothing to reserve. Instead a transaction
// makes every other query wait until it ends; what bounds that is Prisma's interactive transaction
// limits, which apply on both databases: a transaction that cannot start within its maxWait fails
// (P2028, answered 503), and one that runs past its timeout is rolled back. So a write transaction
// must be short on PGlite above all: the history import reads and checks outside its transaction
// and only writes inside it (lib/excel/history-import.ts).

/** The limits each PostgreSQL connection starts with (see above). */
export const POSTGRES_LIMITS = {
  lockTimeoutMs: 2_000,
  statementTimeoutMs: 15_000,
  idleInTransactionMs: 60_000,
  /** Waiting for a free connection of the pool (or for a new one to open). */
  connectionTimeoutMs: 5_000,
  /** pg's default pool size. */
  poolSize: 10,
} as const;

/** Connections kept for statements outside a transaction. */
const READ_RESERVE = 2;

function postgresAdapter(databaseUrl: string): PrismaPg {
  const params = new URL(databaseUrl).searchParams;
  const positive = (name: string) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value > 0 ? value : null;
  };
  const poolSize = positive('connection_limit') ?? POSTGRES_LIMITS.poolSize;
  const poolTimeoutS = positive('pool_timeout');
  const factory = new PrismaPg({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: poolTimeoutS ? poolTimeoutS * 1_000 : POSTGRES_LIMITS.connectionTimeoutMs,
    // Defaults: pg lets the same names in the connection string override them.
    lock_timeout: POSTGRES_LIMITS.lockTimeoutMs,
    statement_timeout: POSTGRES_LIMITS.statementTimeoutMs,
    idle_in_transaction_session_timeout: POSTGRES_LIMITS.idleInTransactionMs,
  });
  const slots = new Slots(Math.max(1, poolSize - READ_RESERVE));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => limitTransactions(await connect(), slots);
  return factory;
}

/** Transactions of this adapter take one of `slots` from their start to their commit or rollback. */
function limitTransactions<A extends SqlDriverAdapter>(adapter: A, slots: Slots): A {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
    const release = await slots.take();
    let tx: Transaction;
    try {
      tx = await start(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = () => commit().finally(release);
    tx.rollback = () => rollback().finally(release);
    return tx;
  };
  return adapter;
}

/** A counting semaphore, first come first served; each release function works once. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  take(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          const next = this.waiting.shift();
          if (next) next();
          else this.free++;
        });
      };
      if (this.free > 0) {
        this.free--;
        grant();
      } else this.waiting.push(grant);
    });
  }
}
