// The shipped provinces (prisma/reference/provinces.json) in a database: loaded by
// `npm run reference:load`, by `npm start` on a database without provinces, and under the demo.
// Loading again changes nothing, an administrator's corrections stay, a clash refuses the whole
// load, and the demo built on these rows is the demo as before.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { loadReferenceData, loadReferenceProvinces } from '../../lib/reference/load-reference-data';
import { PROVINCE_REFERENCE, referenceProvince } from '../../lib/reference/province-data';
import { inForceWhere } from '../../lib/reference/validity';
import { DEMO_PROVINCE_KEYS } from '../../prisma/demo-data';
import { seedDemo } from '../../prisma/seed';
import { prepareData } from '../../scripts/prepare';
import { createPostgresDatabase, dropPostgresDatabase } from '../helpers/seeded-database';
import { createTestDb, type TestDb } from '../helpers/test-db';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const ROWS = PROVINCE_REFERENCE.provinces.length;

/** A fresh migrated database for each describe block, closed after it. */
function useDb(): { readonly db: PrismaClient } {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });
  return {
    get db() {
      return t!.db;
    },
  };
}

/** Every province row and the number of audit rows, to compare before and after. */
async function snapshot(db: PrismaClient) {
  const [provinces, audit] = await Promise.all([
    db.province.findMany({ orderBy: { id: 'asc' } }),
    db.auditLog.count(),
  ]);
  return { provinces, audit };
}

const codesInForce = async (db: PrismaClient, iso: string) =>
  (await db.province.findMany({ where: inForceWhere(day(iso)), select: { code: true } })).map((p) => p.code).sort();

describe('loadReferenceData on an empty database', () => {
  const ctx = useDb();
  let first: Awaited<ReturnType<typeof loadReferenceData>>;

  beforeAll(async () => {
    first = await loadReferenceData(ctx.db);
  });

  it('creates every row of the file, the 63 provinces of 30 June 2025 and the 34 of today', async () => {
    expect(first).toEqual({ created: ROWS, linked: 52, kept: 0 });
    expect(await ctx.db.province.count()).toBe(ROWS);
    expect(await codesInForce(ctx.db, '2025-06-30')).toHaveLength(63);
    const today = await codesInForce(ctx.db, '2026-11-20');
    expect(today).toHaveLength(34);
    expect(new Set(today).size).toBe(34);
  });

  it('links each merged-away province to the province it became part of', async () => {
    const byKey = async (referenceKey: string) =>
      ctx.db.province.findUniqueOrThrow({ where: { referenceKey }, include: { successor: true, predecessors: { orderBy: { code: 'asc' } } } });
    const bacNinh = await byKey('bac-ninh-2025');
    expect(bacNinh).toMatchObject({ code: '24', name: 'Bắc Ninh', validFrom: day('2025-07-01'), validTo: null, successorId: null });
    expect(bacNinh.predecessors.map((p) => `${p.code} ${p.name}`)).toEqual(['24 Bắc Giang', '27 Bắc Ninh']);
    expect((await byKey('thai-binh')).successor).toMatchObject({ code: '33', name: 'Hưng Yên', validFrom: day('2025-07-01') });
    expect(await byKey('ha-noi')).toMatchObject({ code: '01', validFrom: day('2008-08-01'), validTo: null, successorId: null });
  });

  it('writes one audit row per province it created, with the source of its facts', async () => {
    const audit = await ctx.db.auditLog.findMany({ where: { action: 'province.create' } });
    expect(audit).toHaveLength(ROWS);
    const vinhPhuc = await ctx.db.province.findUniqueOrThrow({ where: { referenceKey: 'vinh-phuc' } });
    const row = audit.find((a) => a.entityId === vinhPhuc.id)!;
    expect(row).toMatchObject({ actorId: null, entityType: 'Province', newValue: 'Vĩnh Phúc (26, 2008-08-01–2025-06-30)' });
    expect(row.details).toMatchObject({ from: 'reference-data', referenceKey: 'vinh-phuc', successor: 'phu-tho-2025', source: { code: 'qd-124-2004' } });
  });

  it('changes nothing the second time', async () => {
    const before = await snapshot(ctx.db);
    expect(await loadReferenceData(ctx.db)).toEqual({ created: 0, linked: 0, kept: ROWS });
    expect(await snapshot(ctx.db)).toEqual(before);
  });
});

describe('loadReferenceData where an administrator corrected the reference rows', () => {
  const ctx = useDb();

  it('keeps a corrected name and a corrected code, and adds only what is missing', async () => {
    // A database with only the demo's fifteen rows (as `npm run db:seed` leaves a bare one)...
    await ctx.db.$transaction((tx) => loadReferenceProvinces(tx, DEMO_PROVINCE_KEYS.map(referenceProvince)));
    // ...where an administrator renamed one province and re-coded another.
    await ctx.db.province.update({ where: { referenceKey: 'ha-noi' }, data: { name: 'Thủ đô Hà Nội' } });
    await ctx.db.province.update({ where: { referenceKey: 'bac-ninh-2025' }, data: { code: '99' } });
    const auditBefore = await ctx.db.auditLog.count();

    expect(await loadReferenceData(ctx.db)).toEqual({ created: ROWS - 15, linked: 52 - 10, kept: 15 });

    expect(await ctx.db.province.findUniqueOrThrow({ where: { referenceKey: 'ha-noi' } })).toMatchObject({ code: '01', name: 'Thủ đô Hà Nội' });
    expect(await ctx.db.province.findUniqueOrThrow({ where: { referenceKey: 'bac-ninh-2025' } })).toMatchObject({ code: '99', name: 'Bắc Ninh' });
    // The new rows found their successors among the rows that were already there.
    const haiDuong = await ctx.db.province.findUniqueOrThrow({ where: { referenceKey: 'hai-duong' }, include: { successor: true } });
    expect(haiDuong.successor).toMatchObject({ referenceKey: 'hai-phong-2025', code: '31' });
    expect(await ctx.db.auditLog.count()).toBe(auditBefore + ROWS - 15);
    expect(await ctx.db.province.count()).toBe(ROWS);

    const before = await snapshot(ctx.db);
    expect(await loadReferenceData(ctx.db)).toEqual({ created: 0, linked: 0, kept: ROWS });
    expect(await snapshot(ctx.db)).toEqual(before);
  });
});

describe('loadReferenceData on a database with provinces entered by hand', () => {
  const ctx = useDb();

  it('refuses the whole load when a code would name two provinces at once, and writes nothing', async () => {
    await ctx.db.province.create({ data: { code: '01', name: 'Hà Nội', validFrom: day('2020-01-01') } });
    const before = await snapshot(ctx.db);
    const error = await loadReferenceData(ctx.db).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/Không có gì được ghi/);
    expect(error?.message).toMatch(/mã 01: "Hà Nội" từ 2008-08-01 trùng thời gian với "Hà Nội" \(2020-01-01–nay\) đã có/);
    expect(await snapshot(ctx.db)).toEqual(before);
  });
});

describe('npm start on an empty database (prepareData)', () => {
  const plain = useDb();
  const demo = useDb();
  const bare = useDb();

  beforeAll(async () => {
    await prepareData(plain.db, { demo: false });
    await prepareData(demo.db, { demo: true });
    // The demo as before: seeded straight onto a bare database.
    await seedDemo(bare.db, { bcryptRounds: 4 });
  });

  it('loads every reference province, with the 34 in force today, and no demo', async () => {
    expect(await plain.db.province.count()).toBe(ROWS);
    expect(await codesInForce(plain.db, '2026-11-20')).toHaveLength(34);
    expect(await plain.db.cluster.count()).toBe(0);
    expect(await plain.db.user.count()).toBe(0);
  });

  it('does not load the provinces again on the next start', async () => {
    await plain.db.province.update({ where: { referenceKey: 'hue' }, data: { name: 'Thừa Thiên Huế' } });
    const before = await snapshot(plain.db);
    await prepareData(plain.db, { demo: false });
    expect(await snapshot(plain.db)).toEqual(before);
  });

  it('starts a database whose provinces were entered another way as it is', async () => {
    // Loading the list there would clash with Hà Nội; the start neither fails nor adds a second set.
    const t = await createTestDb();
    try {
      await t.db.province.create({ data: { code: '01', name: 'Hà Nội', validFrom: day('2020-01-01') } });
      await prepareData(t.db, { demo: false });
      expect(await t.db.province.count()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('gives the same demo on top of the reference data as on a bare database', async () => {
    expect(await demo.db.province.count()).toBe(ROWS);
    expect(await bare.db.province.count()).toBe(15);
    const demoOf = async (db: PrismaClient) => {
      const [reports, memberships, terms, users] = await Promise.all([
        db.report.findMany({
          orderBy: { id: 'asc' },
          select: {
            id: true,
            province: { select: { referenceKey: true, code: true, name: true } },
            period: { select: { code: true } },
            fundOpening: true,
            fundClosing: true,
            members: true,
            narrativeResults: true,
            modelFigures: { orderBy: { model: 'asc' }, select: { model: true, total: true, registered: true, recognised: true } },
          },
        }),
        db.clusterMembership.findMany({ orderBy: { id: 'asc' }, select: { province: { select: { referenceKey: true } }, validFrom: true, validTo: true } }),
        db.clusterLeaderTerm.findMany({ orderBy: { id: 'asc' }, select: { province: { select: { referenceKey: true } }, termLabel: true, validFrom: true, validTo: true } }),
        db.user.findMany({ orderBy: { email: 'asc' }, select: { email: true, role: true, province: { select: { referenceKey: true } } } }),
      ]);
      return { reports, memberships, terms, users };
    };
    const [onReference, onBare] = await Promise.all([demoOf(demo.db), demoOf(bare.db)]);
    expect(onReference.reports).toHaveLength(82);
    expect(onReference).toEqual(onBare);

    // The article's figure, on the reference row of Vĩnh Phúc.
    const vinhPhuc = onReference.reports.find((r) => r.province.referenceKey === 'vinh-phuc' && r.period.code === '2022S1')!;
    const family = vinhPhuc.modelFigures.find((f) => f.model === 'FAMILY')!;
    expect(family.registered! / family.total!).toBe(0.9981);
    // The new Bắc Ninh's staff work on the row of code 24, and its first report names Bắc Giang.
    expect(onReference.users.find((u) => u.email === 'bacninh@demo.khuyenhoc.vn')!.province).toEqual({ referenceKey: 'bac-ninh-2025' });
    const bacNinh = onReference.reports.find((r) => r.province.referenceKey === 'bac-ninh-2025' && r.period.code === '2025S2')!;
    expect(bacNinh.province.code).toBe('24');
    expect(bacNinh.narrativeResults).toMatch(/sau khi hợp nhất với tỉnh Bắc Giang \(từ 1\/7\/2025\)/);
  });

  it('builds the demo on the reference rows as they are, by their keys', async () => {
    // An installation where the reference row of Vĩnh Phúc has another id and a corrected name.
    const t = await createTestDb();
    try {
      await loadReferenceData(t.db);
      await t.db.province.update({ where: { referenceKey: 'vinh-phuc' }, data: { id: 'vinh-phuc-cu', name: 'Vĩnh Phúc (cũ)' } });
      await seedDemo(t.db, { bcryptRounds: 4 });
      expect(await t.db.report.count({ where: { provinceId: 'vinh-phuc-cu' } })).toBe(9);
      expect(await t.db.province.findUniqueOrThrow({ where: { id: 'vinh-phuc-cu' } })).toMatchObject({ name: 'Vĩnh Phúc (cũ)', code: '26' });
      expect(await t.db.province.count()).toBe(ROWS);
    } finally {
      await t.close();
    }
  });
});

describe('npm run reference:load', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const serverUrl = process.env.DATABASE_URL?.trim();
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (serverUrl) {
      const name = `kh_reference_${process.pid}_${randomBytes(4).toString('hex')}`;
      env = { DATABASE_URL: await createPostgresDatabase(serverUrl, name, { seed: false }) };
      cleanup = () => dropPostgresDatabase(serverUrl, name);
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'kh-reference-'));
      env = { PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup?.());

  const run = () =>
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/load-reference.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 240_000,
    });

  it('migrates a new database, loads the provinces, and says nothing changed the second time', () => {
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`Đã nạp ${ROWS} tỉnh, thành phố từ dữ liệu tham chiếu 2025-07-01 \\(52 có tỉnh kế thừa\\); 0 đã có`));
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`Dữ liệu tham chiếu đã có đủ ${ROWS} tỉnh, thành phố, không thay đổi`));
  }, 300_000);
});
