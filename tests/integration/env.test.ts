// The environment is parsed once, typed, and a bad variable stops start-up
// with a message that names it, in Vietnamese and English.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { databaseTargetFromEnv } from '../../lib/platform/db-env';
import { countDbQueriesFromEnv, EnvError, mailSettingsFromEnv, parseEnv, sessionSecretFromEnv, trustedProxyCountFromEnv } from '../../lib/platform/env';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const PG = 'postgres://kh:mat-khau@db.example.vn:5432/khuyenhoc';

function problemsOf(raw: Record<string, string | undefined>, options?: Parameters<typeof parseEnv>[1]) {
  try {
    parseEnv(raw, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return { variables: (error as EnvError).problems.map((p) => p.variable), message: (error as Error).message };
  }
  throw new Error('expected the environment to be refused');
}

describe('parseEnv', () => {
  it('needs nothing for the embedded demo and gives typed defaults', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.database).toEqual({ pgliteDir: path.join(process.cwd(), 'data', 'pglite') });
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.SEED_DEMO).toBeUndefined();
    expect(env.https).toBe(false);
  });

  it('reads a full PostgreSQL production set-up', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: ` ${PG} `,
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: 'https://khuyenhoc.example.vn',
      PORT: '8080',
      SEED_DEMO: 'FALSE',
      LOG_LEVEL: 'warn',
    });
    expect(env.database).toEqual({ databaseUrl: PG });
    expect(env.PORT).toBe(8080);
    expect(env.SEED_DEMO).toBe(false);
    expect(env.LOG_LEVEL).toBe('warn');
    expect(env.https).toBe(true);
  });

  it('logs nothing by default under test runs, which capture the lines they check', () => {
    expect(parseEnv({ NODE_ENV: 'test' }).LOG_LEVEL).toBe('silent');
    expect(parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'DEBUG' }).LOG_LEVEL).toBe('debug');
  });

  it('treats blank variables as unset', () => {
    const env = parseEnv({ DATABASE_URL: '  ', NEXTAUTH_SECRET: '', PORT: '' });
    expect(env.database).toHaveProperty('pgliteDir');
    expect(env.PORT).toBe(3000);
  });

  it('resolves PGLITE_DIR to an absolute folder', () => {
    expect(parseEnv({ PGLITE_DIR: 'du-lieu/pg' }).database).toEqual({ pgliteDir: path.resolve('du-lieu/pg') });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'mysql://u@h/db', NEXTAUTH_SECRET: SECRET }, /PostgreSQL URL/],
    ['DATABASE_URL', { DATABASE_URL: 'postgres//thiếu-dấu-hai-chấm', NEXTAUTH_SECRET: SECRET }, /postgres:\/\//],
    ['NEXTAUTH_SECRET', { NEXTAUTH_SECRET: 'ngắn-quá' }, /ít nhất 32 ký tự.*at least 32/],
    ['NEXTAUTH_URL', { NEXTAUTH_URL: 'khuyenhoc.example.vn' }, /địa chỉ công khai.*public URL/],
    ['NEXTAUTH_URL', { NEXTAUTH_URL: 'ftp://khuyenhoc.example.vn' }, /public URL/],
    ['PORT', { PORT: '80a' }, /1 đến 65535.*1 to 65535/],
    ['PORT', { PORT: '70000' }, /65535/],
    ['SEED_DEMO', { SEED_DEMO: 'có' }, /true hoặc false.*true or false/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /một trong.*one of: fatal, error, warn, info, debug, trace, silent/],
    ['COUNT_DB_QUERIES', { COUNT_DB_QUERIES: 'có' }, /true hoặc false.*true or false/],
    ['TRUSTED_PROXY_COUNT', { TRUSTED_PROXY_COUNT: 'một' }, /số nguyên từ 0 đến 10.*whole number from 0 to 10/],
    ['TRUSTED_PROXY_COUNT', { TRUSTED_PROXY_COUNT: '-1' }, /0 to 10/],
    ['TRUSTED_PROXY_COUNT', { TRUSTED_PROXY_COUNT: '11' }, /0 to 10/],
  ])('refuses a malformed %s, naming it', (variable, raw, message) => {
    const refused = problemsOf(raw);
    expect(refused.variables).toEqual([variable]);
    expect(refused.message).toMatch(/Cấu hình môi trường không hợp lệ.*Invalid environment/);
    expect(refused.message).toContain(`- ${variable}: `);
    expect(refused.message).toMatch(message);
  });

  it('believes no proxy unless TRUSTED_PROXY_COUNT says how many stand in front', () => {
    expect(parseEnv({}).TRUSTED_PROXY_COUNT).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_COUNT: ' 2 ' }).TRUSTED_PROXY_COUNT).toBe(2);
    expect([undefined, '', '0', '1', '10'].map((v) => trustedProxyCountFromEnv({ TRUSTED_PROXY_COUNT: v }))).toEqual([0, 0, 0, 1, 10]);
  });

  it('gives the session secret alone to code that checks cookies without next-auth (the action gate)', () => {
    expect(sessionSecretFromEnv({ NEXTAUTH_SECRET: ` ${SECRET} ` })).toBe(SECRET);
    expect(sessionSecretFromEnv({})).toBeUndefined();
    expect(() => sessionSecretFromEnv({ NEXTAUTH_SECRET: 'ngắn-quá' })).toThrow(/NEXTAUTH_SECRET: .*at least 32/);
  });

  it('counts database queries only when COUNT_DB_QUERIES is true or 1', () => {
    expect([undefined, 'false', '0', 'true', 'TRUE', '1'].map((v) => countDbQueriesFromEnv({ COUNT_DB_QUERIES: v }))).toEqual([false, false, false, true, true, true]);
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', NEXTAUTH_URL: 'nope' }).variables.sort()).toEqual(['LOG_LEVEL', 'NEXTAUTH_URL', 'PORT']);
  });

  it('requires NEXTAUTH_SECRET with PostgreSQL', () => {
    const refused = problemsOf({ DATABASE_URL: PG });
    expect(refused.variables).toEqual(['NEXTAUTH_SECRET']);
    expect(refused.message).toMatch(/chưa được đặt.*is not set; it is required with PostgreSQL/);
  });

  it('requires NEXTAUTH_SECRET in the production server even on the embedded database', () => {
    expect(parseEnv({}).NEXTAUTH_SECRET).toBeUndefined();
    expect(problemsOf({}, { requireSecret: true }).variables).toEqual(['NEXTAUTH_SECRET']);
    expect(parseEnv({ NEXTAUTH_SECRET: SECRET }, { requireSecret: true }).NEXTAUTH_SECRET).toBe(SECRET);
  });

  it('never puts a secret or a database password in its messages', () => {
    const refused = problemsOf({ DATABASE_URL: 'mysql://kh:mat-khau-bi-mat@h/db', NEXTAUTH_SECRET: 'bi-mat-ngan' });
    expect(refused.message).not.toContain('mat-khau-bi-mat');
    expect(refused.message).not.toContain('bi-mat-ngan');
  });
});

describe('e-mail (SMTP_URL and MAIL_FROM)', () => {
  it('sends no e-mail without them: notifications stay in the portal', () => {
    expect(parseEnv({}).mail).toBeNull();
    expect(mailSettingsFromEnv({ SMTP_URL: ' ', MAIL_FROM: '' })).toBeNull();
  });

  it('reads the server and the sender, and links e-mails to the public URL', () => {
    const env = parseEnv({
      SMTP_URL: 'smtp://cong:m%E1%BA%ADt-kh%E1%BA%A9u@mail.example.vn:587',
      MAIL_FROM: 'Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>',
      NEXTAUTH_URL: 'https://khuyenhoc.example.vn/',
    });
    expect(env.mail).toEqual({
      smtpUrl: 'smtp://cong:m%E1%BA%ADt-kh%E1%BA%A9u@mail.example.vn:587',
      from: 'Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>',
      fromAddress: 'no-reply@khuyenhoc.example.vn',
      publicUrl: 'https://khuyenhoc.example.vn',
    });
    // A bare address, implicit TLS, and no public URL: links point at the local server's port.
    expect(mailSettingsFromEnv({ SMTP_URL: 'smtps://mail.example.vn', MAIL_FROM: 'no-reply@khuyenhoc.example.vn', PORT: '8080' })).toMatchObject({
      fromAddress: 'no-reply@khuyenhoc.example.vn',
      publicUrl: 'http://localhost:8080',
    });
  });

  it('refuses one without the other, and malformed values, naming the variable', () => {
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.vn:587' }).variables).toEqual(['MAIL_FROM']);
    expect(problemsOf({ MAIL_FROM: 'no-reply@khuyenhoc.example.vn' }).variables).toEqual(['SMTP_URL']);
    const bad = problemsOf({ SMTP_URL: 'http://mail.example.vn', MAIL_FROM: 'Cổng báo cáo <không phải địa chỉ>' });
    expect(bad.variables).toEqual(['SMTP_URL', 'MAIL_FROM']);
    expect(bad.message).toContain('smtp://người-dùng:mật-khẩu@mail.example.vn:587');
    expect(problemsOf({ SMTP_URL: 'mail.example.vn:25', MAIL_FROM: 'no-reply@khuyenhoc.example.vn' }).variables).toEqual(['SMTP_URL']);
  });
});

describe('databaseTargetFromEnv (db-env.ts) delegates to the same rules', () => {
  it('reads only the database variables', () => {
    expect(databaseTargetFromEnv({ DATABASE_URL: PG })).toEqual({ databaseUrl: PG });
    expect(databaseTargetFromEnv({ PGLITE_DIR: '/tmp/kh' })).toEqual({ pgliteDir: '/tmp/kh' });
  });

  it('refuses a non-PostgreSQL URL with the same message', () => {
    expect(() => databaseTargetFromEnv({ DATABASE_URL: 'sqlite://x.db' })).toThrow(/DATABASE_URL: .*PostgreSQL URL/);
  });
});

describe('start-up (scripts/prepare.ts)', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kh-env-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function prepare(env: Record<string, string>) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { NODE_ENV: 'production', PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PGLITE_DIR: path.join(tmp, 'pglite'), ...env },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('stops before touching the database when a variable is malformed, naming it', () => {
    const result = prepare({ LOG_LEVEL: 'ồn-ào', NEXTAUTH_URL: 'localhost:3000' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Cấu hình môi trường không hợp lệ, không thể khởi động / Invalid environment, cannot start');
    expect(result.output).toContain('- LOG_LEVEL: ');
    expect(result.output).toContain('- NEXTAUTH_URL: ');
    expect(result.output).not.toContain('[chuẩn bị] Cơ sở dữ liệu');
  });

  it('stops when PostgreSQL is configured without a session secret', () => {
    const result = prepare({ DATABASE_URL: 'postgres://kh@127.0.0.1:1/khong-ton-tai' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/- NEXTAUTH_SECRET: .*is not set; it is required with PostgreSQL/);
  });
});
