// The report API end to end on a seeded database: Hưng Yên (code 33) enters, submits and
// corrects its 2026S2 report; the Cluster III leader returns and approves it. Every refusal
// is checked to leave the database exactly as it was.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDataJson } from '../../lib/reports/data';
import { REPORT_FIELDS } from '../../lib/reports/fields';
import { createLogger, setLogger } from '../../lib/platform/logger';
import { callApi, demo, reportState, sessionUserOf, tokenFor, TEST_NOW, type ApiCall } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

const REPORT = '/api/v1/provinces/33/reports/2026S2';
const PREVIOUS = '/api/v1/provinces/33/reports/2026S1';

const tokens = {} as Record<'staff' | 'leader' | 'central' | 'hanoi' | 'otherLeader' | 'admin', string>;

beforeAll(async () => {
  tokens.staff = await tokenFor(ctx.db, demo('hungyen'));
  tokens.leader = await tokenFor(ctx.db, demo('cum3'));
  tokens.central = await tokenFor(ctx.db, demo('trunguong'));
  tokens.hanoi = await tokenFor(ctx.db, demo('hanoi'));
  tokens.admin = await tokenFor(ctx.db, demo('admin'));
  // A leader of another cluster, which Hưng Yên has never belonged to.
  const other = await ctx.db.cluster.create({ data: { code: 'CUM9', name: 'Cụm thi đua số IX', region: 'Tây Nguyên' } });
  await ctx.db.user.create({
    data: { email: 'cum9@test.khuyenhoc.vn', name: 'Cụm trưởng IX', passwordHash: 'x', role: 'CLUSTER_LEADER', clusterId: other.id },
  });
  tokens.otherLeader = await tokenFor(ctx.db, 'cum9@test.khuyenhoc.vn');
});

const api = (call: ApiCall) => callApi(ctx.db, call);

/** Runs a request that must be refused, and checks that it wrote nothing. */
async function refused(call: ApiCall, status: number, code: string) {
  const before = await reportState(ctx.db);
  const answer = await api(call);
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  expect(typeof answer.body.error.message).toBe('string');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(await reportState(ctx.db)).toEqual(before);
  return answer.body.error as { code: string; message: string; fields?: Record<string, string> };
}

const fieldAudits = (version: number) =>
  ctx.db.auditLog.findMany({
    where: { action: 'report.update', details: { path: ['version'], equals: version } },
    orderBy: { id: 'asc' },
  });

/** 2026S2's figures built on the approved 2026S1 report: rates kept, the fund carried over and balanced. */
function figuresFrom(previous: ReportDataJson): ReportDataJson {
  const data = structuredClone(previous);
  for (const m of Object.values(data.models)) {
    m.total = m.total! + 120;
    m.registered = m.registered! + 100;
    m.recognised = m.recognised! + 90;
  }
  const mobilised = Object.values(data.fund.mobilised).reduce((s, v) => s! + v!, 0)!;
  data.fund.opening = previous.fund.closing;
  data.fund.spent = 150_000_000_000;
  data.fund.closing = data.fund.opening! + mobilised - data.fund.spent;
  data.membership.newMembers = 18_000;
  data.membership.members = previous.membership.members! + 18_000;
  data.narrative = {
    results: 'Sáu tháng cuối năm 2026, phong trào khuyến học tiếp tục phát triển; quỹ khuyến học được bảo toàn.',
    limitations: 'Vận động quỹ ở một số xã còn chậm.',
    plan: 'Năm 2027: mở rộng mô hình Công dân học tập.',
  };
  return data;
}

describe('report workflow through the API', () => {
  let full: ReportDataJson;
  let version = 0;

  it('shows the open period with no report yet, and what the staff may do', async () => {
    const r = await api({ method: 'GET', path: REPORT, token: tokens.staff });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({
      province: { code: '33', name: 'Hưng Yên' },
      period: { code: '2026S2', start: '2026-07-01', end: '2026-12-31', locked: false },
      report: null,
      allowedActions: { EDIT: true, SUBMIT: true, APPROVE: false, RETURN: false, REOPEN: false },
      validation: null,
    });
    const previous = await api({ method: 'GET', path: PREVIOUS, token: tokens.staff });
    expect(previous.body.report.status).toBe('APPROVED');
    full = figuresFrom(previous.body.report.data);
  });

  it('refuses writes by anyone but the province staff, writing nothing', async () => {
    const body = { version: 0, data: full };
    expect((await refused({ method: 'PUT', path: REPORT, token: tokens.hanoi, body }, 403, 'FORBIDDEN')).message).toMatch(/ngoài phạm vi/);
    expect((await refused({ method: 'PUT', path: REPORT, token: tokens.central, body }, 403, 'FORBIDDEN')).message).toBe(
      'Trung ương Hội chỉ được xem báo cáo.',
    );
    await refused({ method: 'PUT', path: REPORT, token: tokens.leader, body }, 403, 'FORBIDDEN');
    await refused({ method: 'PUT', path: REPORT, body }, 401, 'UNAUTHENTICATED');
    await refused({ method: 'GET', path: REPORT }, 401, 'UNAUTHENTICATED');
    await refused({ method: 'GET', path: REPORT, token: tokens.hanoi }, 403, 'FORBIDDEN');
    await refused({ method: 'GET', path: REPORT, token: tokens.otherLeader }, 403, 'FORBIDDEN');
    expect(await ctx.db.report.count({ where: { period: { code: '2026S2' } } })).toBe(0);
  });

  it('refuses invalid figures whole, naming every field by its path', async () => {
    const raw = `{"version":0,"data":{"models":{"FAMILY":{"total":-5,"registered":"abc","recognised":1234567890123456789012345}},
      "fund":{"opening":"1234567890123456789012345","spent":1.5},"membership":{"members":"12.345"}}}`;
    const error = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: raw }, 400, 'INVALID_INPUT');
    expect(error.fields).toEqual({
      'models.FAMILY.total': expect.stringMatching(/không được âm/),
      'models.FAMILY.registered': expect.stringMatching(/^Gia đình học tập – đã đăng ký: /),
      'models.FAMILY.recognised': expect.stringMatching(/số quá lớn/),
      'fund.opening': expect.stringMatching(/số quá lớn/),
      'fund.spent': expect.any(String),
    });
    const noVersion = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: { data: {} } }, 400, 'INVALID_INPUT');
    expect(noVersion.fields).toEqual({ version: 'Thiếu phiên bản (version) của báo cáo.' });
    const misspelt = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version: 0, data: { modles: {} } } }, 400, 'INVALID_INPUT');
    expect(misspelt.fields).toEqual({ data: expect.stringMatching(/mục không xác định: “modles”/) });
    const notJson = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: '{"version": 0, "data": {' }, 400, 'INVALID_INPUT');
    expect(notJson.message).toBe('Nội dung yêu cầu không phải JSON hợp lệ.');
    const notObject = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: '[1, 2]' }, 400, 'INVALID_INPUT');
    expect(notObject).toEqual({ code: 'INVALID_INPUT', message: 'Nội dung yêu cầu phải là một đối tượng JSON, ví dụ { "version": 3 }.' });
    const wrongTypes = await refused(
      { method: 'POST', path: `${REPORT}/return`, token: tokens.leader, body: { version: '3', comment: 5 } },
      400,
      'INVALID_INPUT',
    );
    expect(wrongTypes.fields).toEqual({ version: 'Phiên bản phải là một số nguyên.', comment: 'Lý do phải là văn bản.' });
  });

  it('creates the draft at version 0, with an audit row per figure entered', async () => {
    const r = await api({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version: 0, data: { models: full.models } } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 1, changed: 15 });
    expect(r.headers.get('etag')).toBe('"1"');
    version = 1;
    const audits = await fieldAudits(1);
    expect(audits.map((a) => a.field)).toEqual(REPORT_FIELDS.filter((f) => f.section === 'models').map((f) => f.path));
    expect(audits.find((a) => a.field === 'models.FAMILY.total')).toMatchObject({ oldValue: null, newValue: String(full.models.FAMILY.total) });
    expect(await ctx.db.auditLog.count({ where: { action: 'report.create' } })).toBe(1);

    const view = await api({ method: 'GET', path: REPORT, token: tokens.staff });
    expect(view.headers.get('etag')).toBe('"1"');
    expect(view.body.report).toMatchObject({ status: 'DRAFT', version: 1, submittedAt: null, data: { models: full.models } });
    expect(view.body.report.data.fund.opening).toBeNull();
    expect(view.body.validation.missing).toContain('fund.opening');
    expect(view.body.validation.missing).not.toContain('models.FAMILY.total');
  });

  it('refuses to submit an incomplete report, naming the missing figures', async () => {
    const error = await refused({ method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, body: { version } }, 400, 'RULES_FAILED');
    expect(error.message).toMatch(/còn \d+ số liệu bắt buộc chưa nhập/);
    expect(error.fields?.['fund.opening']).toBe('Quỹ – số dư đầu kỳ: chưa nhập.');
    expect(error.fields?.['narrative.results']).toBeDefined();
  });

  it('saves the complete figures (version from If-Match), then refuses registered > total on submit', async () => {
    const wrong = structuredClone(full);
    wrong.models.FAMILY.registered = wrong.models.FAMILY.total! + 1;
    const saved = await api({ method: 'PUT', path: REPORT, token: tokens.staff, headers: { 'If-Match': `"${version}"` }, body: { data: wrong } });
    expect(saved.body).toEqual({ version: 2, changed: REPORT_FIELDS.length - 15 + 1 });
    version = 2;
    const error = await refused({ method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, body: { version } }, 400, 'RULES_FAILED');
    expect(error.fields?.['models.FAMILY.registered']).toMatch(/số đã đăng ký \(.+\) lớn hơn tổng số/);
    expect(error.fields?.['models.FAMILY.total']).toBe(error.fields?.['models.FAMILY.registered']);

    const fixed = await api({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version, data: full } });
    expect(fixed.body).toEqual({ version: 3, changed: 1 });
    version = 3;
    const [audit] = await fieldAudits(3);
    expect(audit).toMatchObject({ field: 'models.FAMILY.registered', oldValue: String(wrong.models.FAMILY.registered), newValue: String(full.models.FAMILY.registered) });
  });

  it('refuses a version in If-Match that contradicts the body', async () => {
    const error = await refused(
      { method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, headers: { 'If-Match': '"2"' }, body: { version } },
      400,
      'INVALID_INPUT',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['version']);
  });

  it('submits the report; the submission is audited', async () => {
    const view = await api({ method: 'GET', path: REPORT, token: tokens.staff });
    expect(view.body.validation).toEqual({ missing: [], blocking: [], warnings: [] });
    const r = await api({ method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, body: { version } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 4, status: 'SUBMITTED' });
    version = 4;
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'report.submit' } });
    expect({ old: audit.oldValue, new: audit.newValue }).toEqual({ old: 'DRAFT', new: 'SUBMITTED' });
    const after = await api({ method: 'GET', path: REPORT, token: tokens.leader });
    expect(after.body.report).toMatchObject({ status: 'SUBMITTED', version: 4, submittedAt: TEST_NOW.toISOString() });
    expect(after.body.allowedActions).toEqual({ EDIT: false, SUBMIT: false, APPROVE: true, RETURN: true, REOPEN: false });
  });

  it('refuses review by anyone but the leader of the province’s cluster, writing nothing', async () => {
    await refused({ method: 'POST', path: `${REPORT}/approve`, token: tokens.otherLeader, body: { version } }, 403, 'FORBIDDEN');
    await refused({ method: 'POST', path: `${REPORT}/approve`, token: tokens.staff, body: { version } }, 403, 'FORBIDDEN');
    await refused({ method: 'POST', path: `${REPORT}/approve`, token: tokens.central, body: { version } }, 403, 'FORBIDDEN');
    await refused({ method: 'POST', path: `${REPORT}/approve`, token: tokens.hanoi, body: { version } }, 403, 'FORBIDDEN');
    await refused({ method: 'POST', path: `${REPORT}/return`, token: tokens.otherLeader, body: { version, comment: 'x' } }, 403, 'FORBIDDEN');
    await refused({ method: 'POST', path: `${REPORT}/approve`, body: { version } }, 401, 'UNAUTHENTICATED');
    // The staff may not change a report waiting for review: the status forbids it now (409), not the role.
    const edit = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version, data: full } }, 409, 'CONFLICT');
    expect(edit.message).toBe('Báo cáo đã gửi, đang chờ duyệt.');
  });

  it('requires a comment to return the report, then returns it', async () => {
    const noComment = await refused({ method: 'POST', path: `${REPORT}/return`, token: tokens.leader, body: { version } }, 400, 'INVALID_INPUT');
    expect(noComment.fields).toEqual({ comment: 'Vui lòng ghi rõ lý do.' });
    await refused({ method: 'POST', path: `${REPORT}/return`, token: tokens.leader, body: { version, comment: '   ' } }, 400, 'INVALID_INPUT');

    const comment = 'Số hội viên mới chưa khớp với báo cáo của các huyện; đề nghị kiểm tra lại.';
    const r = await api({ method: 'POST', path: `${REPORT}/return`, token: tokens.leader, body: { version, comment } });
    expect(r.body).toEqual({ version: 5, status: 'RETURNED' });
    version = 5;
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'report.return' } });
    expect(audit).toMatchObject({ oldValue: 'SUBMITTED', newValue: 'RETURNED', details: { comment } });
    const view = await api({ method: 'GET', path: REPORT, token: tokens.staff });
    expect(view.body.report).toMatchObject({ status: 'RETURNED', returnComment: comment });
    expect(view.body.allowedActions).toMatchObject({ EDIT: true, SUBMIT: true });
  });

  it('corrects the returned report; a save on a stale version is refused with what changed', async () => {
    const corrected = structuredClone(full);
    corrected.membership.newMembers = 17_500;
    corrected.membership.members = full.membership.members! - 500;
    const r = await api({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version, data: corrected } });
    expect(r.body).toEqual({ version: 6, changed: 2 });
    const audits = await fieldAudits(6);
    expect(audits.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([
      ['membership.members', String(full.membership.members), String(corrected.membership.members)],
      ['membership.newMembers', '18000', '17500'],
    ]);

    // A second window still holding version 5.
    const stale = structuredClone(full);
    stale.centres.classes = 9_999;
    const error = await refused({ method: 'PUT', path: REPORT, token: tokens.staff, body: { version, data: stale } }, 409, 'CONFLICT');
    expect(error.message).toMatch(/phiên bản 6; bạn đang sửa phiên bản 5/);
    expect(error.message).toContain('Số hội viên');
    expect(error.message).toContain('Hội viên mới kết nạp');
    expect(error.fields).toEqual({ version: 'Phiên bản 5 đã cũ; phiên bản hiện tại là 6.' });
    await refused({ method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, body: { version } }, 409, 'CONFLICT');
    version = 6;
    const view = await api({ method: 'GET', path: REPORT, token: tokens.staff });
    expect(view.body.report.data.centres.classes).toBe(full.centres.classes);
    full = corrected;
  });

  it('resubmits, and the cluster leader approves', async () => {
    const submitted = await api({ method: 'POST', path: `${REPORT}/submit`, token: tokens.staff, headers: { 'If-Match': `"${version}"` } });
    expect(submitted.body).toEqual({ version: 7, status: 'SUBMITTED' });
    const approved = await api({ method: 'POST', path: `${REPORT}/approve`, token: tokens.leader, body: { version: 7 } });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ version: 8, status: 'APPROVED' });
    const view = await api({ method: 'GET', path: REPORT, token: tokens.central });
    expect(view.body.report).toMatchObject({ status: 'APPROVED', version: 8, approvedAt: TEST_NOW.toISOString(), data: full });
    expect(view.body.allowedActions).toEqual({ EDIT: false, SUBMIT: false, APPROVE: false, RETURN: false, REOPEN: false });
  });

  it('keeps one audit row per status change and per changed figure', async () => {
    const report = await ctx.db.report.findFirstOrThrow({ where: { province: { code: '33', validTo: null }, period: { code: '2026S2' } } });
    const rows = await ctx.db.auditLog.findMany({ where: { entityType: 'Report', entityId: report.id }, orderBy: { id: 'asc' } });
    const statusRows = rows.filter((r) => r.field === null && r.action !== 'report.create').map((r) => [r.action, r.oldValue, r.newValue]);
    expect(rows.filter((r) => r.action === 'report.create')).toHaveLength(1);
    expect(statusRows).toEqual([
      ['report.submit', 'DRAFT', 'SUBMITTED'],
      ['report.return', 'SUBMITTED', 'RETURNED'],
      ['report.submit', 'RETURNED', 'SUBMITTED'],
      ['report.approve', 'SUBMITTED', 'APPROVED'],
    ]);
    // 15 models, then the 41 other figures plus the wrong FAMILY.registered, its fix, then 2 corrections.
    expect(rows.filter((r) => r.field !== null)).toHaveLength(15 + (REPORT_FIELDS.length - 15 + 1) + 1 + 2);
    const events = await ctx.db.reportStatusEvent.findMany({ where: { reportId: report.id }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'SUBMIT', 'RETURN', 'SUBMIT', 'APPROVE']);
  });

  it('lets the leader reopen an approved report with a reason', async () => {
    await refused({ method: 'POST', path: `${REPORT}/reopen`, token: tokens.leader, body: { version: 8 } }, 400, 'INVALID_INPUT');
    const r = await api({ method: 'POST', path: `${REPORT}/reopen`, token: tokens.leader, body: { version: 8, comment: 'Bổ sung số liệu quỹ theo kiểm toán.' } });
    expect(r.body).toEqual({ version: 9, status: 'RETURNED' });
  });
});

describe('the API’s edges', () => {
  it('answers an unknown province, period or address with a JSON 404', async () => {
    const province = await api({ method: 'GET', path: '/api/v1/provinces/99/reports/2026S2', token: tokens.staff });
    expect(province.status).toBe(404);
    expect(province.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/mã 99/) });
    const period = await api({ method: 'GET', path: '/api/v1/provinces/33/reports/2031S1', token: tokens.staff });
    expect(period.body.error).toEqual({ code: 'NOT_FOUND', message: 'Không có kỳ báo cáo 2031S1.' });
    const address = await api({ method: 'GET', path: '/api/v1/reports', token: tokens.staff });
    expect(address.status).toBe(404);
    expect(address.body.error.code).toBe('NOT_FOUND');
    expect((await api({ method: 'GET', path: '/api/v1/reports' })).status).toBe(401);
  });

  it('refuses a malformed Authorization header rather than falling back to the session', async () => {
    const session = await sessionUserOf(ctx.db, demo('hungyen'));
    const r = await api({ method: 'GET', path: '/api/v1/me', session, headers: { Authorization: 'Basic aHVuZ3llbjp4' } });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('accepts the signed-in session, but not for a write another site triggers', async () => {
    const session = await sessionUserOf(ctx.db, demo('hungyen'));
    const me = await api({ method: 'GET', path: '/api/v1/me', session });
    expect(me.body).toMatchObject({ email: demo('hungyen'), role: 'PROVINCE_STAFF', scope: { province: { code: '33', name: 'Hưng Yên' } } });
    const cross = await refused(
      { method: 'PUT', path: REPORT, session, headers: { Origin: 'https://evil.example' }, body: { version: 9, data: {} } },
      403,
      'FORBIDDEN',
    );
    expect(cross.message).toBe('Yêu cầu từ trang web khác bị từ chối.');
    const sameSite = await api({ method: 'GET', path: REPORT, session, headers: { Origin: 'http://localhost' } });
    expect(sameSite.status).toBe(200);
  });

  it('answers an unexpected failure with a generic 500 and logs it', async () => {
    const { GET } = await import('../../app/api/v1/provinces/[code]/reports/[period]/route');
    const brokenDb = new Proxy(ctx.db, {
      get: (target, prop) => (prop === 'period' ? { findUnique: () => Promise.reject(new Error('connection reset')) } : Reflect.get(target, prop)),
    });
    const lines: string[] = [];
    const previous = setLogger(createLogger({ destination: { write: (line: string) => void lines.push(line) } }));
    try {
      const response = await GET.withDeps({ db: () => brokenDb, now: () => TEST_NOW })(
        new Request('http://localhost/api/v1/provinces/33/reports/2026S2', { headers: { Authorization: `Bearer ${tokens.staff}` } }),
        { params: Promise.resolve({ code: '33', period: '2026S2' }) },
      );
      expect(response.status).toBe(500);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.json();
      expect(body).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.stringMatching(/^Đã có lỗi ở máy chủ/) } });
      expect(JSON.stringify(body)).not.toContain('connection reset');
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ level: 'error', action: 'api.get', status: 500, err: expect.objectContaining({ message: 'connection reset' }) }),
      ]);
    } finally {
      setLogger(previous);
    }
  });
});
