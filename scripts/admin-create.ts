// `npm run admin:create -- --email admin@tinh.vn [--name "Nguyễn Văn A"] [--password …]`
//
// Creates an administrator in the database named by the environment
// (DATABASE_URL, else the PGlite folder PGLITE_DIR, by default ./data/pglite),
// after applying pending migrations: the way to the first account of an
// installation without demo data. Without --password, a strong password is
// generated and printed once. Refuses an e-mail that already has an account.
// (A password on the command line stays in the shell's history: prefer the
// generated one, and change it after signing in.)
//
// Exit codes: 0 created, 1 refused or failed, 64 usage.
//
// Scripts run outside Next, where `server-only` modules cannot be imported:
// this file therefore writes the user and its audit row itself, with the same
// rules (lib/accounts/password-policy.ts) and the same audit shape as lib/accounts/user-admin.ts.
import { parseArgs } from 'node:util';

import bcrypt from 'bcryptjs';

import { SignInSchema } from '../lib/accounts/auth-schemas';
import { ADMINISTRATOR_ROLE } from '../lib/permissions';
import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { generatePassword, normalizePassword, PASSWORD_HASH_COST, passwordIssues } from '../lib/accounts/password-policy';

const USAGE = 'Cách dùng / Usage: npm run admin:create -- --email <email> [--name "<họ tên>"] [--password <mật khẩu>]';
const DEFAULT_NAME = 'Quản trị viên';

class Refusal extends Error {}

function parseCommandLine(argv: string[]): { email: string; name: string; password: string | null } | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return null;
  }
  if (values.help || !values.email) return null;
  const email = SignInSchema.shape.email.safeParse(values.email);
  if (!email.success) throw new Refusal(`Email không hợp lệ: ${values.email}`);
  const name = values.name?.trim() || DEFAULT_NAME;
  if (name.length > 100) throw new Refusal('Họ tên tối đa 100 ký tự.');
  const password = values.password ?? null;
  if (password !== null) {
    const issues = passwordIssues(password, { email: email.data });
    if (issues.length) throw new Refusal(`Mật khẩu chưa đạt yêu cầu:\n${issues.map((m) => `  - ${m}`).join('\n')}`);
  }
  return { email: email.data, name, password };
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof Refusal) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  if (!args) {
    console.error(USAGE);
    return 64;
  }

  // Loaded only now: a refused command line answers without loading the database drivers.
  const [{ applyMigrations }, { createPrismaClient }] = await Promise.all([
    import('../lib/platform/migrations'),
    import('../lib/platform/prisma-factory'),
  ]);
  const target = databaseTargetFromEnv();
  // With PGlite only one connection may hold the folder: migrations open and release it first.
  await applyMigrations(target);
  const db = createPrismaClient(target);
  try {
    const generated = args.password === null ? generatePassword({ email: args.email }) : null;
    const passwordHash = await bcrypt.hash(normalizePassword(args.password ?? generated!), PASSWORD_HASH_COST);
    const created = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: args.email }, select: { id: true } })) return null;
      const user = await tx.user.create({
        data: { email: args.email, name: args.name, role: ADMINISTRATOR_ROLE, passwordHash },
        select: { id: true },
      });
      // Never the password or its hash. No actor: the command line is not an account.
      await tx.auditLog.create({
        data: {
          actorId: null,
          action: 'user.create',
          entityType: 'User',
          entityId: user.id,
          newValue: args.email,
          details: { name: args.name, role: ADMINISTRATOR_ROLE, provinceId: null, clusterId: null, password: generated ? 'generated' : 'typed', via: 'admin:create' },
        },
      });
      return user;
    });
    if (!created) {
      console.error(`Email ${args.email} đã có tài khoản; không tạo thêm. / This e-mail already has an account.`);
      return 1;
    }
    console.log(`Đã tạo quản trị viên ${args.email} (${describeTarget(target)}).`);
    if (generated) {
      console.log(`Mật khẩu (chỉ hiện lần này, hãy lưu lại ngay): ${generated}`);
      console.log('Nên đổi mật khẩu sau lần đăng nhập đầu tiên (Tài khoản › Đổi mật khẩu).');
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

// Exit explicitly: an embedded PGlite can keep the event loop alive after disconnecting.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Không tạo được quản trị viên / Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
