// Gets the database ready before the web server starts: applies pending
// migrations, loads the shipped reference data and, where demo data is wanted,
// seeds it. Runs in its own process because only one process may open an
// embedded PGlite folder at a time.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { loadEnv } from '../lib/platform/env';
import { applyMigrations } from '../lib/platform/migrations';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { loadReferenceData } from '../lib/reference/load-reference-data';
import { seedDemo } from '../prisma/seed';
import { loadReferenceTargets } from '../prisma/reference/targets';

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

/** The data a migrated database starts with: reference data on every database, and the demo where wanted. */
export async function prepareData(db: PrismaClient, { demo }: { demo: boolean }): Promise<void> {
  // The provinces only into a database that has none: a database whose provinces came another
  // way (entered by hand, or an installation older than the shipped list) starts as it is, and
  // `npm run reference:load` is there to add the list deliberately.
  if (!(await db.province.findFirst({ select: { id: true } }))) {
    const { created } = await loadReferenceData(db);
    console.log(`[chuẩn bị] Đã nạp ${created} tỉnh, thành phố từ dữ liệu tham chiếu (prisma/reference/provinces.json).`);
  }
  // Reference data on every database, demo or not; idempotent, so every start may run it.
  const targets = await loadReferenceTargets(db);
  if (targets.created.length) console.log(`[chuẩn bị] Đã nạp ${targets.created.length} mục tiêu quốc gia (prisma/reference/targets.json).`);
  if (demo) {
    const { created } = await seedDemo(db);
    if (created) console.log('[chuẩn bị] Đã nạp dữ liệu mẫu Cụm III.');
  }
}

export async function prepare(): Promise<PreparedEnv> {
  // A missing or malformed variable stops start-up here, naming the variable.
  loadEnv();
  const target = databaseTargetFromEnv();
  const embedded = 'pgliteDir' in target;
  console.log(`[chuẩn bị] Cơ sở dữ liệu: ${describeTarget(target)}`);

  const { applied } = await applyMigrations(target);
  console.log(applied.length ? `[chuẩn bị] Đã áp dụng ${applied.length} migration: ${applied.join(', ')}` : '[chuẩn bị] Cơ sở dữ liệu đã cập nhật.');

  const db = createPrismaClient(target);
  try {
    await prepareData(db, { demo: wantsDemoData(embedded) });
  } finally {
    await db.$disconnect();
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
