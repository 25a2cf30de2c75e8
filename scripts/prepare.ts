// Gets the database ready before the web server starts: applies pending
// migrations and, where demo data is wanted, seeds it. Runs in its own process
// because only one process may open an embedded PGlite folder at a time.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { loadEnv } from '../lib/platform/env';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { seedDemo } from '../prisma/seed';

export type PreparedEnv = { NEXTAUTH_SECRET: string };

/**
 * Demo data is seeded into an empty embedded database (the zero set-up path)
 * and, on PostgreSQL, only when SEED_DEMO=true is set explicitly.
 */
function wantsDemoData(embedded: boolean): boolean {
  const flag = process.env.SEED_DEMO?.trim().toLowerCase();
  if (flag === 'false' || flag === '0') return false;
  if (flag === 'true' || flag === '1') return true;
  return embedded;
}

/**
 * The embedded demo keeps a generated session secret beside its data, so a
 * newcomer needs no configuration; a PostgreSQL deployment must set its own.
 */
function ensureAuthSecret(embedded: boolean, dataDir: string): string {
  const fromEnv = process.env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (!embedded) {
    throw new Error('NEXTAUTH_SECRET chưa được đặt. Với PostgreSQL, hãy đặt NEXTAUTH_SECRET (ít nhất 32 ký tự ngẫu nhiên).');
  }
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function prepare(): Promise<PreparedEnv> {
  // A missing or malformed variable stops start-up here, naming the variable.
  loadEnv();
  const target = databaseTargetFromEnv();
  const embedded = 'pgliteDir' in target;
  console.log(`[chuẩn bị] Cơ sở dữ liệu: ${describeTarget(target)}`);

  const { applied } = await applyMigrations(target);
  console.log(applied.length ? `[chuẩn bị] Đã áp dụng ${applied.length} migration: ${applied.join(', ')}` : '[chuẩn bị] Cơ sở dữ liệu đã cập nhật.');

  if (wantsDemoData(embedded)) {
    const db = createPrismaClient(target);
    try {
      const { created } = await seedDemo(db);
      if (created) console.log('[chuẩn bị] Đã nạp dữ liệu mẫu Cụm III.');
    } finally {
      await db.$disconnect();
    }
  }

  const dataDir = embedded ? path.dirname(target.pgliteDir) : path.join(process.cwd(), 'data');
  return { NEXTAUTH_SECRET: ensureAuthSecret(embedded, dataDir) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  prepare()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
