// The server Playwright tests run against: the production build on a fresh
// database seeded with the demo data. Embedded PGlite in a throwaway folder by
// default; with DATABASE_URL, a fresh database on that PostgreSQL server.
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

import { databaseTargetFromEnv } from '../lib/platform/db-env';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { CURRENT_DEMO_PERIOD } from '../prisma/demo-data';
import { prepare } from './prepare';

async function freshPostgres(serverUrl: string): Promise<string> {
  const url = new URL(serverUrl);
  // One database per port, so two runs on different ports do not share data.
  const name = `kh_e2e_${process.env.PORT ?? '3100'}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.DATABASE_URL = await freshPostgres(process.env.DATABASE_URL);
    process.env.SEED_DEMO = 'true';
  } else {
    const dir = path.join(process.cwd(), 'data', `e2e-${process.env.PORT ?? '3100'}`, 'pglite');
    rmSync(path.dirname(dir), { recursive: true, force: true });
    process.env.PGLITE_DIR = dir;
  }
  process.env.NEXTAUTH_SECRET ??= 'e2e-secret-not-for-production-0123456789abcdef';
  await prepare();
  await keepCurrentPeriodOpen();
  await import('./start');
}

/**
 * The demo's open period (2026S2) closes on 15 December 2026. The end-to-end
 * flows enter and submit reports in it, so on a later day the test database
 * moves that deadline a month ahead; the demo itself is left as published.
 */
async function keepCurrentPeriodOpen(): Promise<void> {
  const db = createPrismaClient(databaseTargetFromEnv());
  try {
    const soon = new Date(Date.now() + 7 * 86_400_000);
    await db.period.updateMany({
      where: { code: CURRENT_DEMO_PERIOD, deadline: { lt: soon } },
      data: { deadline: new Date(Date.now() + 30 * 86_400_000), locked: false },
    });
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
