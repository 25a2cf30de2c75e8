// User management (administrators), the user's own password, and sessions
// ending when an account is locked or its password changes.
import bcrypt from 'bcryptjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { canManageUsers, type SessionUser } from '../../lib/permissions';
import { PASSWORD_MESSAGES, passwordIssues } from '../../lib/accounts/password-policy';
import {
  createUser,
  getUserForAdmin,
  listScopeOptions,
  listUsersForAdmin,
  resetUserPassword,
  setUserActive,
  updateUserAccess,
} from '../../lib/accounts/user-admin';
import { changeOwnPassword, loadSessionUser, verifyCredentials } from '../../lib/accounts/users';
import { ChangePasswordSchema, CreateUserSchema, SCOPE_MESSAGES, SetUserActiveSchema, UpdateUserAccessSchema } from '../../lib/accounts/user-schemas';
import { provinceId, useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

// The server actions run as the browser calls them, with this file's session and database.
const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const actions = await import('../../app/(portal)/quan-tri/nguoi-dung/actions');
const passwordActions = await import('../../app/(portal)/tai-khoan/doi-mat-khau/actions');

const ctx = useSeededDb();
const DEMO_PASSWORD = 'KhuyenHoc@2022';
const IP = { ip: '203.0.113.50' };

beforeEach(() => {
  session.db = ctx.db;
  session.user = null;
});

const sessionUser = (email: string): Promise<SessionUser> =>
  ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
const admin = () => sessionUser('admin@demo.khuyenhoc.vn');

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** Everything user management may write. */
async function userState() {
  const [users, audit] = await Promise.all([ctx.db.user.findMany({ orderBy: { id: 'asc' } }), ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } })]);
  return { users, audit };
}


const hanoi = () => provinceId(ctx.db, '01', true);
const cum3 = async () => (await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } })).id;

/** A session id, as the JWT carries from sign-in. */
const SID = 'phien-dang-nhap-1';

const newStaff = async (local: string, extra: Record<string, string> = {}) =>
  CreateUserSchema.parse({ email: `${local}@tinh.vn`, name: 'Cán bộ mới', role: 'PROVINCE_STAFF', provinceId: await hanoi(), passwordMode: 'generate', ...extra });

describe('who may manage users', () => {
  it('only administrators, by the rule the actions authorize with', async () => {
    expect(canManageUsers({ role: 'ADMIN' })).toBe(true);
    for (const role of ['PROVINCE_STAFF', 'CLUSTER_LEADER', 'CENTRAL'] as const) expect(canManageUsers({ role })).toBe(false);
  });

  it('refuses every data-layer function to non-administrators, writing nothing', async () => {
    const target = await sessionUser('phutho@demo.khuyenhoc.vn');
    const input = await newStaff('khong-duoc-tao');
    const before = await userState();
    for (const email of ['hanoi@demo.khuyenhoc.vn', 'cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn']) {
      const actor = await sessionUser(email);
      const calls: Promise<unknown>[] = [
        listUsersForAdmin(ctx.db, actor),
        getUserForAdmin(ctx.db, actor, target.id),
        listScopeOptions(ctx.db, actor),
        createUser(ctx.db, actor, input),
        updateUserAccess(ctx.db, actor, { userId: target.id, role: 'CENTRAL', provinceId: null, clusterId: null }),
        setUserActive(ctx.db, actor, { userId: target.id, active: false }),
        resetUserPassword(ctx.db, actor, { userId: target.id }),
      ];
      for (const call of calls) expect((await refusal(call)).code, email).toBe('FORBIDDEN');
    }
    expect(await userState()).toEqual(before);
  });

  it('refuses the server actions to non-administrators and to a missing session, writing nothing', async () => {
    const target = await sessionUser('phutho@demo.khuyenhoc.vn');
    const before = await userState();
    const requests = [
      () => actions.createUserAction(null, form({ email: 'khong-duoc@tinh.vn', name: 'X', role: 'CENTRAL', passwordMode: 'generate' })),
      () => actions.updateUserAccessAction(null, form({ userId: target.id, role: 'CENTRAL' })),
      () => actions.setUserActiveAction(null, form({ userId: target.id, active: 'false' })),
      () => actions.resetUserPasswordAction(null, form({ userId: target.id })),
    ];
    session.user = null;
    for (const request of requests) expect((await request())?.message).toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    for (const email of ['hanoi@demo.khuyenhoc.vn', 'cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn']) {
      session.user = await sessionUser(email);
      for (const request of requests) {
        const state = await request();
        expect(state, email).toEqual({ ok: false, message: 'Bạn không có quyền thực hiện thao tác này.', fieldErrors: {} });
      }
    }
    expect(await userState()).toEqual(before);
  });
});

describe('creating accounts', () => {
  it('creates a province staff account with a typed password, hashed at cost 12, audited without the password', async () => {
    const actor = await admin();
    const password = 'Song-Hong-2026';
    const input = await newStaff('canbo.moi', { passwordMode: 'typed', password, passwordConfirm: password });
    const auditBefore = await ctx.db.auditLog.count();
    const created = await createUser(ctx.db, actor, input);
    expect(created.generatedPassword).toBeNull();

    const row = await ctx.db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ email: 'canbo.moi@tinh.vn', role: 'PROVINCE_STAFF', provinceId: await hanoi(), clusterId: null, active: true });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyCredentials(ctx.db, { email: 'canbo.moi@tinh.vn', password })).toMatchObject({ id: created.id, role: 'PROVINCE_STAFF' });

    expect(await ctx.db.auditLog.count()).toBe(auditBefore + 1);
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: created.id } });
    expect(audit).toMatchObject({ actorId: actor.id, entityType: 'User', newValue: 'canbo.moi@tinh.vn' });
    const written = JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(written).not.toContain(password);
    expect(written).not.toContain(row.passwordHash);
  });

  it('generates a strong password when none is typed, returned once and never stored', async () => {
    const actor = await admin();
    const { id, generatedPassword } = await createUser(ctx.db, actor, await newStaff('ngau.nhien'));
    expect(generatedPassword).not.toBeNull();
    expect(passwordIssues(generatedPassword!, { email: 'ngau.nhien@tinh.vn' })).toEqual([]);
    expect(await verifyCredentials(ctx.db, { email: 'ngau.nhien@tinh.vn', password: generatedPassword })).toMatchObject({ id });
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: id } });
    expect(JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(generatedPassword!);
  });

  it('creates an account through the server action, showing a generated password once', async () => {
    session.user = await admin();
    const state = await actions.createUserAction(
      null,
      form({ email: 'Qua.Form@Tinh.vn', name: 'Lãnh đạo cụm', role: 'CLUSTER_LEADER', clusterId: await cum3(), passwordMode: 'generate' }),
    );
    expect(state).toMatchObject({ ok: true, message: 'Đã tạo tài khoản qua.form@tinh.vn (Cụm trưởng).' });
    const secret = state?.ok ? state.secret : undefined;
    expect(secret).toBeTruthy();
    expect(await verifyCredentials(ctx.db, { email: 'qua.form@tinh.vn', password: secret })).toMatchObject({ role: 'CLUSTER_LEADER', clusterId: await cum3() });
  });

  it('refuses an e-mail that has an account, in any case, writing nothing', async () => {
    const actor = await admin();
    const before = await userState();
    const input = CreateUserSchema.parse({ email: 'HaNoi@Demo.KhuyenHoc.vn', name: 'Trùng', role: 'CENTRAL', passwordMode: 'generate' });
    const error = await refusal(createUser(ctx.db, actor, input));
    expect(error.fieldErrors.email).toEqual(['Email này đã có tài khoản.']);
    expect(await userState()).toEqual(before);
  });

  it('refuses a province that is no longer in force and an unknown cluster, writing nothing', async () => {
    const actor = await admin();
    const before = await userState();
    const vinhPhuc = await provinceId(ctx.db, '26', false);
    const merged = await refusal(createUser(ctx.db, actor, await newStaff('vinhphuc.moi', { provinceId: vinhPhuc })));
    expect(merged.fieldErrors.provinceId?.[0]).toMatch(/không còn hiệu lực/);
    const input = CreateUserSchema.parse({ email: 'cum.la@tinh.vn', name: 'X', role: 'CLUSTER_LEADER', clusterId: 'khong-co', passwordMode: 'generate' });
    expect((await refusal(createUser(ctx.db, actor, input))).fieldErrors.clusterId).toEqual(['Không tìm thấy cụm.']);
    expect(await userState()).toEqual(before);
  });

  it('names each invalid field in Vietnamese through the action, writing nothing', async () => {
    session.user = await admin();
    const before = await userState();
    const state = await actions.createUserAction(
      null,
      form({ email: 'khong-hop-le', name: '', role: 'PROVINCE_STAFF', passwordMode: 'typed', password: 'matkhau123', passwordConfirm: 'matkhau123' }),
    );
    expect(state?.ok).toBe(false);
    const errors = state && !state.ok ? state.fieldErrors : {};
    expect(errors.email).toEqual(['Email không hợp lệ.']);
    expect(errors.name).toEqual(['Vui lòng nhập họ tên.']);
    expect(errors.provinceId).toEqual([SCOPE_MESSAGES.staffNeedsProvince]);
    expect(errors.password).toEqual([PASSWORD_MESSAGES.common]);
    expect(await userState()).toEqual(before);
  });

  it('keeps role and scope consistent: staff need a province, leaders a cluster, others neither', async () => {
    const clusterId = await cum3();
    const provinceIdHn = await hanoi();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ role: 'PROVINCE_STAFF' }, 'provinceId', SCOPE_MESSAGES.staffNeedsProvince],
      [{ role: 'PROVINCE_STAFF', provinceId: provinceIdHn, clusterId }, 'clusterId', SCOPE_MESSAGES.noCluster],
      [{ role: 'CLUSTER_LEADER' }, 'clusterId', SCOPE_MESSAGES.leaderNeedsCluster],
      [{ role: 'CLUSTER_LEADER', clusterId, provinceId: provinceIdHn }, 'provinceId', SCOPE_MESSAGES.noProvince],
      [{ role: 'CENTRAL', provinceId: provinceIdHn }, 'provinceId', SCOPE_MESSAGES.noProvince],
      [{ role: 'ADMIN', clusterId }, 'clusterId', SCOPE_MESSAGES.noCluster],
    ];
    for (const [scope, field, message] of cases) {
      const result = UpdateUserAccessSchema.safeParse({ userId: 'u', provinceId: '', clusterId: '', ...scope });
      expect(result.success, JSON.stringify(scope)).toBe(false);
      expect(result.error!.issues.find((i) => i.path[0] === field)?.message).toBe(message);
    }
    expect(UpdateUserAccessSchema.parse({ userId: 'u', role: 'CENTRAL', provinceId: '', clusterId: '' })).toMatchObject({ provinceId: null, clusterId: null });
  });
});

describe('changing role and scope', () => {
  it('moves a staff member to cluster leader, with one audit row per changed field', async () => {
    const actor = await admin();
    const { id } = await createUser(ctx.db, actor, await newStaff('doi.vai.tro'));
    const clusterId = await cum3();
    const changed = await updateUserAccess(ctx.db, actor, UpdateUserAccessSchema.parse({ userId: id, role: 'CLUSTER_LEADER', clusterId }));
    expect(changed).toBe(true);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id } })).toMatchObject({ role: 'CLUSTER_LEADER', provinceId: null, clusterId });
    const audit = await ctx.db.auditLog.findMany({ where: { action: 'user.access.update', entityId: id }, orderBy: { field: 'asc' } });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['clusterId', null, clusterId],
      ['provinceId', await hanoi(), null],
      ['role', 'PROVINCE_STAFF', 'CLUSTER_LEADER'],
    ]);
    // The new role applies to the open session at once.
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt: Date.now() })).toMatchObject({ role: 'CLUSTER_LEADER', clusterId });
    // Saving the same again changes and audits nothing.
    const auditCount = await ctx.db.auditLog.count();
    expect(await updateUserAccess(ctx.db, actor, UpdateUserAccessSchema.parse({ userId: id, role: 'CLUSTER_LEADER', clusterId }))).toBe(false);
    expect(await ctx.db.auditLog.count()).toBe(auditCount);
  });

  it('refuses an administrator dropping their own admin role, and a merged province, writing nothing', async () => {
    const actor = await admin();
    const before = await userState();
    const self = await refusal(updateUserAccess(ctx.db, actor, UpdateUserAccessSchema.parse({ userId: actor.id, role: 'CENTRAL' })));
    expect(self.fieldErrors.role?.[0]).toMatch(/không thể tự bỏ quyền quản trị/);
    const staff = await sessionUser('bacninh@demo.khuyenhoc.vn');
    const thaiBinh = await provinceId(ctx.db, '34', false);
    const merged = await refusal(updateUserAccess(ctx.db, actor, { userId: staff.id, role: 'PROVINCE_STAFF', provinceId: thaiBinh, clusterId: null }));
    expect(merged.fieldErrors.provinceId?.[0]).toMatch(/không còn hiệu lực/);
    expect(await userState()).toEqual(before);
  });

  it('keeps a merged province an account already has when only the role is unchanged', async () => {
    const actor = await admin();
    const vinhPhucStaff = await sessionUser('vinhphuc@demo.khuyenhoc.vn');
    expect(await updateUserAccess(ctx.db, actor, { userId: vinhPhucStaff.id, role: 'PROVINCE_STAFF', provinceId: vinhPhucStaff.provinceId, clusterId: null })).toBe(false);
  });
});

describe('locking accounts', () => {
  it('locks an account: its session and sign-in are refused at once; unlocking restores sign-in but not the old sessions; both audited', async () => {
    const actor = await admin();
    const password = 'Khoa-roi-mo-2026';
    const { id } = await createUser(ctx.db, actor, await newStaff('bi.khoa', { passwordMode: 'typed', password, passwordConfirm: password }));
    const signedInAt = Date.now();
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt })).not.toBeNull();

    expect(await setUserActive(ctx.db, actor, SetUserActiveSchema.parse({ userId: id, active: 'false' }))).toEqual({ email: 'bi.khoa@tinh.vn', changed: true, revokedTokens: [] });
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: 'bi.khoa@tinh.vn', password })).toBeNull();

    expect((await setUserActive(ctx.db, actor, { userId: id, active: true })).changed).toBe(true);
    // The sessions begun before the lock stay dead; signing in again works.
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: 'bi.khoa@tinh.vn', password })).not.toBeNull();
    expect(await loadSessionUser(ctx.db, { uid: id, sid: 'phien-moi', signedInAt: Date.now() + 1 })).not.toBeNull();
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: id, field: 'active' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.oldValue, a.newValue])).toEqual([
      ['user.deactivate', 'true', 'false'],
      ['user.reactivate', 'false', 'true'],
    ]);
  });

  it('refuses an administrator locking themselves, in the action and in the data layer', async () => {
    const actor = await admin();
    const before = await userState();
    expect((await refusal(setUserActive(ctx.db, actor, { userId: actor.id, active: false }))).message).toBe('Bạn không thể tự khoá tài khoản của mình.');
    session.user = actor;
    expect(await actions.setUserActiveAction(null, form({ userId: actor.id, active: 'false' }))).toEqual({
      ok: false,
      message: 'Bạn không có quyền thực hiện thao tác này.',
      fieldErrors: {},
    });
    expect(await userState()).toEqual(before);
  });

  it('locks another account through the action', async () => {
    session.user = await admin();
    const target = await sessionUser('ninhbinh@demo.khuyenhoc.vn');
    const state = await actions.setUserActiveAction(null, form({ userId: target.id, active: 'false' }));
    expect(state).toMatchObject({ ok: true, message: 'Đã khoá tài khoản ninhbinh@demo.khuyenhoc.vn. Người dùng bị đăng xuất ngay.' });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: target.id } })).active).toBe(false);
  });
});

describe('resetting a password', () => {
  it('gives a new generated password, ends existing sessions, and audits without the password', async () => {
    const actor = await admin();
    const { id, generatedPassword: first } = await createUser(ctx.db, actor, await newStaff('dat.lai'));
    const now = new Date();
    const oldSession = now.getTime() - 1000;
    const { password } = await resetUserPassword(ctx.db, actor, { userId: id }, now);
    expect(password).not.toBe(first);
    expect(await verifyCredentials(ctx.db, { email: 'dat.lai@tinh.vn', password: first })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: 'dat.lai@tinh.vn', password })).toMatchObject({ id });
    // Sessions from before the reset are refused; one begun after it is not.
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt: oldSession })).toBeNull();
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt: undefined })).toBeNull();
    expect(await loadSessionUser(ctx.db, { uid: id, sid: SID, signedInAt: now.getTime() + 1 })).toMatchObject({ id });
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'user.password.reset', entityId: id } });
    expect(audit).toMatchObject({ actorId: actor.id, field: 'password', oldValue: null, newValue: null });
    expect(JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(password);
  });

  it('returns the new password through the action once, and refuses resetting one’s own', async () => {
    session.user = await admin();
    const target = await sessionUser('hungyen@demo.khuyenhoc.vn');
    const state = await actions.resetUserPasswordAction(null, form({ userId: target.id }));
    expect(state?.ok).toBe(true);
    const secret = state?.ok ? state.secret : undefined;
    expect(await verifyCredentials(ctx.db, { email: 'hungyen@demo.khuyenhoc.vn', password: secret })).toMatchObject({ id: target.id });

    const before = await userState();
    const own = await actions.resetUserPasswordAction(null, form({ userId: session.user.id }));
    expect(own).toMatchObject({ ok: false, message: 'Hãy đổi mật khẩu của chính bạn ở trang Tài khoản › Đổi mật khẩu.' });
    expect(await userState()).toEqual(before);
  });
});

describe('changing one’s own password', () => {
  it('needs the right current password; a refusal changes nothing', async () => {
    const user = await sessionUser('cum3@demo.khuyenhoc.vn');
    const before = await userState();
    const input = ChangePasswordSchema.parse({ currentPassword: 'Sai-mat-khau-1', newPassword: 'Dong-bang-2026', confirmPassword: 'Dong-bang-2026' });
    const error = await refusal(changeOwnPassword(ctx.db, user, input, IP));
    expect(error.fieldErrors.currentPassword).toEqual(['Mật khẩu hiện tại không đúng.']);
    expect(await userState()).toEqual(before);
  });

  it('applies the e-mail rule the schema cannot know', async () => {
    const user = await sessionUser('phutho@demo.khuyenhoc.vn');
    const before = await userState();
    const input = ChangePasswordSchema.parse({ currentPassword: DEMO_PASSWORD, newPassword: 'PhuTho-2026!', confirmPassword: 'PhuTho-2026!' });
    expect((await refusal(changeOwnPassword(ctx.db, user, input, IP))).fieldErrors.newPassword).toEqual([PASSWORD_MESSAGES.containsEmail]);
    expect(await userState()).toEqual(before);
  });

  it('changes it, ends every existing session, and audits who did it', async () => {
    const user = await sessionUser('trunguong@demo.khuyenhoc.vn');
    const now = new Date();
    const newPassword = 'Hoc-tap-suot-doi-9';
    await changeOwnPassword(ctx.db, user, ChangePasswordSchema.parse({ currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword }), { ...IP, now });
    expect(await verifyCredentials(ctx.db, { email: user.email, password: DEMO_PASSWORD })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: user.email, password: newPassword })).toMatchObject({ id: user.id });
    expect(await loadSessionUser(ctx.db, { uid: user.id, sid: SID, signedInAt: now.getTime() - 60_000 })).toBeNull();
    const row = await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordChangedAt).toEqual(now);
    expect(await bcrypt.compare(newPassword, row.passwordHash)).toBe(true);
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'user.password.change', entityId: user.id } });
    expect(audit).toMatchObject({ actorId: user.id, field: 'password', oldValue: null, newValue: null });
  });

  it('counts wrong current passwords towards the throttle', async () => {
    const user = await sessionUser('bacninh@demo.khuyenhoc.vn');
    const wrong = ChangePasswordSchema.parse({ currentPassword: 'Doan-thu-1', newPassword: 'Kinh-Bac-2026', confirmPassword: 'Kinh-Bac-2026' });
    for (let i = 0; i < 5; i++) await refusal(changeOwnPassword(ctx.db, user, wrong, IP));
    const before = await userState();
    const right = ChangePasswordSchema.parse({ currentPassword: DEMO_PASSWORD, newPassword: 'Kinh-Bac-2026', confirmPassword: 'Kinh-Bac-2026' });
    const error = await refusal(changeOwnPassword(ctx.db, user, right, { ip: '198.51.100.77' }));
    expect(error.fieldErrors.currentPassword).toEqual(['Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau 15 phút.']);
    expect(await userState()).toEqual(before);
  });

  it('goes through the action for any signed-in user, with Vietnamese field messages', async () => {
    session.user = await sessionUser('hanoi@demo.khuyenhoc.vn');
    const mismatch = await passwordActions.changePasswordAction(null, form({ currentPassword: DEMO_PASSWORD, newPassword: 'Thang-Long-1010', confirmPassword: 'Thang-Long-1011' }));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: ['Mật khẩu nhập lại không khớp.'] } });
    const short = await passwordActions.changePasswordAction(null, form({ currentPassword: DEMO_PASSWORD, newPassword: 'Ngan-1', confirmPassword: 'Ngan-1' }));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ['Mật khẩu phải có ít nhất 10 ký tự.'] } });
    const ok = await passwordActions.changePasswordAction(null, form({ currentPassword: DEMO_PASSWORD, newPassword: 'Thang-Long-1010', confirmPassword: 'Thang-Long-1010' }));
    expect(ok?.ok).toBe(true);
    expect(await verifyCredentials(ctx.db, { email: 'hanoi@demo.khuyenhoc.vn', password: 'Thang-Long-1010' })).not.toBeNull();
  });
});

describe('sessions', () => {
  it('last eight hours from sign-in, and need a recorded sign-in time', async () => {
    const user = await sessionUser('namdinh@demo.khuyenhoc.vn');
    const signedInAt = Date.now() - 1000;
    expect(await loadSessionUser(ctx.db, { uid: user.id, sid: SID, signedInAt })).toEqual(user);
    expect(await loadSessionUser(ctx.db, { uid: user.id, sid: SID, signedInAt, now: signedInAt + 8 * 3600_000 })).toEqual(user);
    expect(await loadSessionUser(ctx.db, { uid: user.id, sid: SID, signedInAt, now: signedInAt + 8 * 3600_000 + 1 })).toBeNull();
    // A token from before the sign-in time was recorded: sign in again.
    expect(await loadSessionUser(ctx.db, { uid: user.id, sid: SID, signedInAt: null })).toBeNull();
    expect(await loadSessionUser(ctx.db, { uid: 'khong-co', sid: SID, signedInAt })).toBeNull();
  });
});

describe('listing', () => {
  it('lists every account with its scope and last sign-in for administrators', async () => {
    const rows = await listUsersForAdmin(ctx.db, await admin());
    expect(rows.length).toBe(await ctx.db.user.count());
    const vinhPhuc = rows.find((r) => r.email === 'vinhphuc@demo.khuyenhoc.vn')!;
    expect(vinhPhuc).toMatchObject({ role: 'PROVINCE_STAFF', province: { code: '26' }, cluster: null });
    expect(rows.find((r) => r.email === 'cum3@demo.khuyenhoc.vn')).toMatchObject({ cluster: { code: 'CUM3' } });
    // Inactive accounts come last.
    const firstInactive = rows.findIndex((r) => !r.active);
    if (firstInactive >= 0) expect(rows.slice(firstInactive).every((r) => !r.active)).toBe(true);
  });

  it('offers only provinces in force for new attachments', async () => {
    const { provinces, clusters } = await listScopeOptions(ctx.db, await admin(), new Date('2026-11-20T03:00:00Z'));
    expect(provinces.map((p) => p.code).sort()).toEqual(['01', '24', '25', '33', '37']);
    expect(clusters.map((c) => c.code)).toContain('CUM3');
  });
});
