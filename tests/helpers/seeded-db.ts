import { afterAll, beforeAll } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { seedDemo } from '../../prisma/seed';
import { createTestDb } from './test-db';

/**
 * A fresh database with the demo data, for one test file. Use inside a
 * describe block or at top level: `const ctx = useSeededDb();` then `ctx.db`.
 */
export function useSeededDb(): { readonly db: PrismaClient } {
  const holder: { db?: PrismaClient; close?: () => Promise<void> } = {};
  beforeAll(async () => {
    const t = await createTestDb();
    holder.db = t.db;
    holder.close = t.close;
    await seedDemo(t.db, { bcryptRounds: 4 });
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return {
    get db() {
      if (!holder.db) throw new Error('The seeded database is only available inside tests.');
      return holder.db;
    },
  };
}

export async function provinceId(db: PrismaClient, code: string, current: boolean): Promise<string> {
  const p = await db.province.findFirstOrThrow({
    where: { code, ...(current ? { validTo: null } : { validTo: { not: null } }) },
    select: { id: true },
  });
  return p.id;
}
