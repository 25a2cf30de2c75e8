// The server actions behind the report page, called as the browser calls them
// (FormData in, ActionState out), with the session and database of this test.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { useSeededDb } from '../helpers/seeded-db';
import { flattenReportData } from '../../lib/reports/data';
import { getReportView } from '../../lib/reports/store';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown, headers: new Headers() }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/headers', () => ({ headers: async () => session.headers }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const actions = await import('../../app/(portal)/bao-cao/[province]/[period]/actions');
const ctx = useSeededDb();

beforeAll(() => {
  // Inside the open period 2026S2 whatever the day the suite runs; only Date is faked.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-20T03:00:00Z'));
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  session.db = ctx.db;
  session.user = null;
  session.headers = new Headers();
});

async function signInAs(email: string) {
  session.user = await ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const HY = { provinceCode: '33', periodCode: '2026S2' };
const reportCount = () => ctx.db.report.count({ where: { period: { code: '2026S2' } } });

describe('report server actions', () => {
  it('refuse a request without a session, with the way to sign in again and come back', async () => {
    const state = await actions.saveReportDraftAction(null, form({ ...HY, version: '0', 'models.FAMILY.total': '10' }));
    expect(state).toEqual({ ok: false, message: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.', fieldErrors: {}, signInUrl: '/dang-nhap' });
    // The browser names the page the form is on; signing in again returns there.
    session.headers = new Headers({ referer: 'http://127.0.0.1:3000/bao-cao/33/2026S2?ket-qua=da-gui' });
    const back = await actions.saveReportDraftAction(null, form({ ...HY, version: '0' }));
    expect(back && !back.ok && back.signInUrl).toBe('/dang-nhap?callbackUrl=%2Fbao-cao%2F33%2F2026S2%3Fket-qua%3Dda-gui');
    // Never a way out to another site.
    session.headers = new Headers({ referer: 'http://127.0.0.1:3000//evil.example/x' });
    const hostile = await actions.saveReportDraftAction(null, form({ ...HY, version: '0' }));
    expect(hostile && !hostile.ok && hostile.signInUrl).toBe('/dang-nhap');
  });

  it("refuse another province's staff, the cluster leader and central users as editors, writing nothing", async () => {
    const before = await reportCount();
    for (const email of ['hanoi@demo.khuyenhoc.vn', 'cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn']) {
      await signInAs(email);
      const state = await actions.saveReportDraftAction(null, form({ ...HY, version: '0', 'models.FAMILY.total': '10' }));
      expect(state?.ok, email).toBe(false);
      expect(state?.message, email).toMatch(/quyền|phạm vi/);
    }
    expect(await reportCount()).toBe(before);
  });

  it('name each invalid figure in Vietnamese and save nothing', async () => {
    await signInAs('hungyen@demo.khuyenhoc.vn');
    const state = await actions.saveReportDraftAction(
      null,
      form({ ...HY, version: '0', 'models.FAMILY.total': '12a', 'models.FAMILY.registered': '-5', 'fund.opening': '1234567890123456789012345' }),
    );
    expect(state?.ok).toBe(false);
    const errors = state && !state.ok ? state.fieldErrors : {};
    expect(errors['data.models.FAMILY.total']?.[0]).toMatch(/^Gia đình học tập – tổng số \(hộ gia đình\): /);
    expect(errors['data.models.FAMILY.registered']?.[0]).toBe('Gia đình học tập – đã đăng ký: không được âm.');
    expect(errors['data.fund.opening']?.[0]).toMatch(/số quá lớn/);
    expect(await ctx.db.report.count({ where: { period: { code: '2026S2' }, province: { code: '33' } } })).toBe(0);
  });

  it('save a draft for the own province and return the new version', async () => {
    await signInAs('hungyen@demo.khuyenhoc.vn');
    const state = await actions.saveReportDraftAction(null, form({ ...HY, version: '0', 'models.FAMILY.total': '1.200', 'models.FAMILY.registered': '1.100' }));
    expect(state).toMatchObject({ ok: true, version: 1 });
    const stale = await actions.saveReportDraftAction(null, form({ ...HY, version: '0', 'models.FAMILY.total': '1.300' }));
    expect(stale?.ok).toBe(false);
  });

  it('let only reviewers approve or return, and require the comment', async () => {
    await signInAs('hungyen@demo.khuyenhoc.vn');
    expect((await actions.approveReportAction(null, form({ ...HY, version: '1' })))?.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    await signInAs('cum3@demo.khuyenhoc.vn');
    const noComment = await actions.returnReportAction(null, form({ ...HY, version: '1', comment: ' ' }));
    expect(noComment && !noComment.ok ? noComment.fieldErrors.comment : null).toEqual(['Vui lòng ghi rõ lý do.']);
    // A draft cannot be approved: the status machine refuses, saying why.
    const draft = await actions.approveReportAction(null, form({ ...HY, version: '1' }));
    expect(draft?.ok).toBe(false);
    expect((await ctx.db.report.findFirstOrThrow({ where: { period: { code: '2026S2' }, province: { code: '33', validTo: null } } })).status).toBe('DRAFT');
  });

  it('send the browser back to the report page naming what was done once a report is sent or returned', async () => {
    await signInAs('hungyen@demo.khuyenhoc.vn');
    const complete = (await getReportView(ctx.db, session.user!, { provinceCode: '33', periodCode: '2026S1' })).data!;
    const stored = () => ctx.db.report.findFirstOrThrow({ where: { period: { code: '2026S2' }, province: { code: '33', validTo: null } } });
    const { version } = await stored();
    const redirected = (p: Promise<unknown>) => p.then(() => null, (e: { digest?: string }) => e.digest?.split(';')[2] ?? String(e));
    expect(await redirected(actions.submitReportAction(null, form({ ...HY, version: String(version), ...flattenReportData(complete) })))).toBe(
      '/bao-cao/33/2026S2?ket-qua=da-gui',
    );
    const submitted = await stored();
    expect(submitted.status).toBe('SUBMITTED');
    await signInAs('cum3@demo.khuyenhoc.vn');
    expect(await redirected(actions.returnReportAction(null, form({ ...HY, version: String(submitted.version), comment: 'Kiểm tra lại quỹ.' })))).toBe(
      '/bao-cao/33/2026S2?ket-qua=da-tra-lai',
    );
    expect((await stored()).status).toBe('RETURNED');
  });
});
