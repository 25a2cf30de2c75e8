// `npm run admin:create`, run as an operator runs it: a separate process on a
// database named by the environment (a fresh PGlite folder, or a throwaway
// PostgreSQL database when DATABASE_URL is set), migrated by the script itself.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { createPostgresDatabase, dropPostgresDatabase } from '../helpers/seeded-database';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const serverUrl = process.env.DATABASE_URL?.trim();

let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if (serverUrl) {
    const name = `kh_admin_create_${process.pid}_${randomBytes(4).toString('hex')}`;
    env = { DATABASE_URL: await createPostgresDatabase(serverUrl, name, { seed: false }) };
    cleanup = () => dropPostgresDatabase(serverUrl, name);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'kh-admin-create-'));
    // A folder that does not exist yet, as on a new server.
    env = { PGLITE_DIR: path.join(dir, 'db'), DATABASE_URL: '' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(() => cleanup?.());

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/admin-create.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads the database after the script has exited (PGlite admits one process at a time). */
async function withDb<T>(read: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = createPrismaClient(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
  }
}

describe('npm run admin:create', () => {
  let generated = '';

  it('migrates an empty database, creates the administrator, prints a generated password once, and audits', async () => {
    const result = run('--email', 'Admin@Tinh.vn', '--name', 'Nguyễn Văn Quản');
    expect(result.code, result.stderr).toBe(0);
    const match = /Mật khẩu \(chỉ hiện lần này, hãy lưu lại ngay\): (\S+)/.exec(result.stdout);
    expect(match).not.toBeNull();
    generated = match![1];

    await withDb(async (db) => {
      const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@tinh.vn' } });
      expect(user).toMatchObject({ name: 'Nguyễn Văn Quản', role: 'ADMIN', provinceId: null, clusterId: null, active: true });
      expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
      expect(await bcrypt.compare(generated, user.passwordHash)).toBe(true);
      // No demo data came with it.
      expect(await db.user.count()).toBe(1);
      expect(await db.province.count()).toBe(0);
      const audit = await db.auditLog.findMany();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'user.create', entityType: 'User', entityId: user.id, actorId: null, newValue: 'admin@tinh.vn' });
      const written = JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      expect(written).not.toContain(generated);
      expect(written).not.toContain(user.passwordHash);
    });
  }, 180_000);

  it('refuses an e-mail that already has an account, changing nothing', async () => {
    const result = run('--email', 'admin@tinh.vn', '--password', 'Mot-mat-khau-khac-1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('đã có tài khoản');
    await withDb(async (db) => {
      expect(await db.user.count()).toBe(1);
      const user = await db.user.findUniqueOrThrow({ where: { email: 'admin@tinh.vn' } });
      expect(await bcrypt.compare(generated, user.passwordHash)).toBe(true);
      expect(await db.auditLog.count()).toBe(1);
    });
  }, 120_000);

  it('checks a typed password against the policy before touching the database', async () => {
    const result = run('--email', 'quantri@tinh.vn', '--password', 'quantri2026');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Mật khẩu không được chứa phần tên trong email của tài khoản.');
    expect(run('--email', 'quantri@tinh.vn', '--password', 'matkhau123').stderr).toContain('Mật khẩu này quá phổ biến');
    await withDb(async (db) => expect(await db.user.count()).toBe(1));
  }, 120_000);

  it('creates a second administrator with a typed password, printing no password', async () => {
    const result = run('--email=quantri2@tinh.vn', '--password=Song-Day-2026!');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('Song-Day-2026!');
    expect(result.stdout).not.toContain('Mật khẩu');
    await withDb(async (db) => {
      const user = await db.user.findUniqueOrThrow({ where: { email: 'quantri2@tinh.vn' } });
      expect(user.name).toBe('Quản trị viên');
      expect(await bcrypt.compare('Song-Day-2026!', user.passwordHash)).toBe(true);
    });
  }, 120_000);

  it('explains its usage without an e-mail, and refuses a malformed one', () => {
    const usage = run();
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('npm run admin:create -- --email');
    const bad = run('--email', 'khong-phai-email');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Email không hợp lệ');
  }, 60_000);
});
