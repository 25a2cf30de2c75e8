// `npm run import -- FILE`, run as an operator runs it: a separate process on a database named
// by the environment (a PGlite folder, or a throwaway PostgreSQL database when DATABASE_URL is
// set) that holds the demo data and two closed periods from before the portal.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { reportField } from '../../lib/reports/fields';
import { applyMigrations } from '../../lib/platform/migrations';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { periodRow } from '../../prisma/demo-data';
import { seedDemo } from '../../prisma/seed';
import { createPostgresDatabase, dropPostgresDatabase } from '../helpers/seeded-database';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const serverUrl = process.env.DATABASE_URL?.trim();

let env: Record<string, string>;
let dir: string;
let cleanup: () => Promise<void>;

const target = () => (env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });

/** Opens the database between runs (PGlite admits one process at a time). */
async function withDb<T>(read: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = createPrismaClient(target());
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kh-import-'));
  if (serverUrl) {
    const name = `kh_import_${process.pid}_${randomBytes(4).toString('hex')}`;
    env = { DATABASE_URL: await createPostgresDatabase(serverUrl, name, { seed: false }) };
    cleanup = async () => {
      await dropPostgresDatabase(serverUrl, name);
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    env = { PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await applyMigrations(target());
  await withDb(async (db) => {
    await seedDemo(db, { bcryptRounds: 4 });
    for (const code of ['2019S1', '2019S2']) await db.period.create({ data: periodRow(code, true) });
  });
}, 180_000);
afterAll(() => cleanup?.());

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const MEMBERS = reportField('membership.members').label;
const BRANCHES = reportField('membership.branches').label;

async function historyFile(name: string, rows: Array<[string, string, number | string, number]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Số liệu');
  sheet.addRow(['Mã tỉnh', 'Mã kỳ báo cáo', MEMBERS, BRANCHES]);
  for (const r of rows) sheet.addRow(r);
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const reports2019 = (db: PrismaClient) => db.report.findMany({ where: { period: { year: 2019 } }, select: { members: true, branches: true, status: true }, orderBy: { members: 'asc' } });

describe('npm run import', () => {
  it('checks with --dry-run, imports, and changes nothing the second time', async () => {
    const file = await historyFile('lich-su-2019.xlsx', [
      ['26', '2019S1', 41000, 300],
      ['26', '2019S2', '42.000', 310],
      ['34', '2019S1', 51000, 400],
    ]);
    const dry = run(file, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Đã kiểm tra, chưa ghi gì');
    expect(dry.stdout).toContain('3 dòng: tạo mới 3, cập nhật 0, không đổi 0 báo cáo');
    expect(await withDb(reports2019)).toEqual([]);

    const first = run(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Đã nhập');
    expect(first.stdout).toContain('tạo mới 3, cập nhật 0, không đổi 0');
    const imported = await withDb(reports2019);
    expect(imported).toEqual([
      { members: 41000, branches: 300, status: 'APPROVED' },
      { members: 42000, branches: 310, status: 'APPROVED' },
      { members: 51000, branches: 400, status: 'APPROVED' },
    ]);
    const audit = await withDb((db) => db.auditLog.count());

    const second = run(file);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('tạo mới 0, cập nhật 0, không đổi 3');
    expect(await withDb(reports2019)).toEqual(imported);
    expect(await withDb((db) => db.auditLog.count())).toBe(audit);
  }, 240_000);

  it('refuses a file with an error, naming the cell, and writes nothing', async () => {
    const before = await withDb(reports2019);
    const file = await historyFile('sai.xlsx', [
      ['26', '2019S1', 99000, 300],
      ['35', '2019S2', 'khoảng 3000', 20],
    ]);
    const result = run(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Tệp có 1 lỗi; chưa nhập báo cáo nào.');
    expect(result.stderr).toContain('Trang “Số liệu”, ô C3: Số hội viên');
    expect(await withDb(reports2019)).toEqual(before);
  }, 120_000);

  it('explains its usage and a missing file', () => {
    expect(run().code).toBe(64);
    const missing = run(path.join(dir, 'khong-co.xlsx'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy tệp');
  }, 120_000);
});
