// The read API on the seeded demo: periods, clusters, a cluster's summary and the national
// summary; who may read what (every boundary refused for the wrong user), and the figures.
import { beforeAll, describe, expect, it } from 'vitest';
import { LEARNING_MODELS } from '../../lib/domain';
import { callApi, demo, sessionUserOf, tokenFor, TEST_NOW, type ApiCall } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const api = (call: Omit<ApiCall, 'method'>) => callApi(ctx.db, { method: 'GET', ...call });

const tokens = {} as Record<'hungyen' | 'vinhphuc' | 'leader' | 'central' | 'admin' | 'otherLeader', string>;

beforeAll(async () => {
  tokens.hungyen = await tokenFor(ctx.db, demo('hungyen'));
  tokens.vinhphuc = await tokenFor(ctx.db, demo('vinhphuc'));
  tokens.leader = await tokenFor(ctx.db, demo('cum3'));
  tokens.central = await tokenFor(ctx.db, demo('trunguong'));
  tokens.admin = await tokenFor(ctx.db, demo('admin'));
  const other = await ctx.db.cluster.create({ data: { code: 'CUM9', name: 'Cụm thi đua số IX', region: 'Tây Nguyên' } });
  await ctx.db.user.create({
    data: { email: 'cum9@test.khuyenhoc.vn', name: 'Cụm trưởng IX', passwordHash: 'x', role: 'CLUSTER_LEADER', clusterId: other.id },
  });
  tokens.otherLeader = await tokenFor(ctx.db, 'cum9@test.khuyenhoc.vn');
});

const SUMMARY = '/api/v1/clusters/CUM3/summary?period=2022S1';

describe('GET /api/v1/periods', () => {
  it('lists every period newest first, for any account', async () => {
    const a = await api({ path: '/api/v1/periods', token: tokens.hungyen });
    expect(a.status).toBe(200);
    expect(a.body.periods).toHaveLength(12);
    expect(a.body.periods[0]).toEqual({
      code: '2026S2',
      label: '6 tháng cuối năm 2026',
      start: '2026-07-01',
      end: '2026-12-31',
      deadline: '2026-12-15T16:59:59.000Z',
      locked: false,
    });
    expect(a.body.periods.at(-1).code).toBe('2021S1');
  });

  it('refuses an anonymous caller', async () => {
    expect((await api({ path: '/api/v1/periods' })).status).toBe(401);
  });
});

describe('GET /api/v1/clusters', () => {
  it('the central association sees every cluster with its members and leader today', async () => {
    const a = await api({ path: '/api/v1/clusters', token: tokens.central, now: TEST_NOW });
    expect(a.status).toBe(200);
    expect(a.body.clusters.map((c: { code: string }) => c.code)).toEqual(['CUM3', 'CUM9']);
    expect(a.body.clusters[0]).toMatchObject({
      code: 'CUM3',
      leader: { code: '33', name: 'Hưng Yên', termLabel: '2021–2026 (kế thừa Thái Bình)' },
      canViewSummary: true,
    });
    expect(a.body.clusters[0].provinces.map((p: { name: string }) => p.name)).toEqual(['Bắc Ninh', 'Hà Nội', 'Hưng Yên', 'Ninh Bình', 'Phú Thọ']);
  });

  it('a leader sees only their cluster', async () => {
    const a = await api({ path: '/api/v1/clusters', token: tokens.leader });
    expect(a.body.clusters.map((c: { code: string }) => c.code)).toEqual(['CUM3']);
    const b = await api({ path: '/api/v1/clusters', token: tokens.otherLeader });
    expect(b.body.clusters).toEqual([{ code: 'CUM9', name: 'Cụm thi đua số IX', region: 'Tây Nguyên', leader: null, provinces: [], canViewSummary: true }]);
  });

  it("province staff see their province's cluster as basic information, without summaries", async () => {
    const a = await api({ path: '/api/v1/clusters', token: tokens.hungyen, now: TEST_NOW });
    expect(a.status).toBe(200);
    expect(a.body.clusters.map((c: { code: string; canViewSummary: boolean }) => [c.code, c.canViewSummary])).toEqual([['CUM3', false]]);
    // A province merged away belongs to no cluster today.
    const b = await api({ path: '/api/v1/clusters', token: tokens.vinhphuc, now: TEST_NOW });
    expect(b.body.clusters).toEqual([]);
  });
});

describe('GET /api/v1/clusters/{code}/summary', () => {
  it('answers the documented shape with the article figures for 2022S1', async () => {
    const a = await api({ path: SUMMARY, token: tokens.leader });
    expect(a.status).toBe(200);
    const b = a.body;
    expect(Object.keys(b)).toEqual(['cluster', 'period', 'provinces', 'totals', 'completeness']);
    expect(b.cluster).toEqual({ code: 'CUM3', name: 'Cụm III – Đồng bằng sông Hồng' });
    expect(b.period).toEqual({ code: '2022S1', start: '2022-01-01', end: '2022-06-30' });
    expect(b.provinces).toHaveLength(8);
    const vp = b.provinces.find((p: { code: string }) => p.code === '26');
    expect(Object.keys(vp)).toEqual(['code', 'name', 'status', 'models', 'fund', 'awards']);
    expect(Object.keys(vp.models)).toEqual([...LEARNING_MODELS]);
    expect(Object.keys(vp.models.FAMILY)).toEqual(['total', 'registered', 'recognised', 'registrationRate', 'recognitionRate']);
    expect(vp.models.FAMILY.registrationRate).toBe(0.9981);
    expect(vp.models.FAMILY.registered / vp.models.FAMILY.total).toBe(0.9981);
    expect(b.provinces.find((p: { code: string }) => p.code === '34').models.FAMILY.registrationRate).toBe(0.94);
    expect(b.provinces.find((p: { code: string }) => p.code === '27').models.FAMILY.registrationRate).toBe(0.92);
    expect(vp.status).toBe('APPROVED');
    expect(Object.keys(vp.fund)).toEqual(['opening', 'mobilised', 'spent', 'closing']);
    expect(Number.isSafeInteger(vp.fund.mobilised)).toBe(true);
    expect(vp.fund.opening + vp.fund.mobilised - vp.fund.spent).toBe(vp.fund.closing);
    expect(b.completeness).toEqual({ expected: 8, submitted: 8, approved: 8 });
  });

  it('totals are Σ over the provinces and rates Σ/Σ', async () => {
    const b = (await api({ path: SUMMARY, token: tokens.central })).body;
    for (const m of LEARNING_MODELS) {
      const total = b.provinces.reduce((s: number, p: any) => s + p.models[m].total, 0);
      const registered = b.provinces.reduce((s: number, p: any) => s + p.models[m].registered, 0);
      expect(b.totals.models[m]).toMatchObject({ total, registered, registrationRate: registered / total });
    }
    const mobilised = b.provinces.reduce((s: number, p: any) => s + p.fund.mobilised, 0);
    expect(b.totals.fund.mobilised).toBe(mobilised);
    expect(b.totals.awards.recipients).toBe(b.provinces.reduce((s: number, p: any) => s + p.awards.recipients, 0));
  });

  it('gives nulls, not zeros, for the open period without reports', async () => {
    const b = (await api({ path: '/api/v1/clusters/CUM3/summary?period=2026S2', token: tokens.leader })).body;
    expect(b.provinces).toHaveLength(5);
    expect(b.provinces[0]).toMatchObject({ status: null, fund: { opening: null, mobilised: null, spent: null, closing: null }, awards: { recipients: null, amount: null } });
    expect(b.provinces[0].models.FAMILY).toEqual({ total: null, registered: null, recognised: null, registrationRate: null, recognitionRate: null });
    expect(b.totals.models.FAMILY).toEqual({ total: 0, registered: 0, recognised: 0, registrationRate: null, recognitionRate: null });
    expect(b.completeness).toEqual({ expected: 5, submitted: 0, approved: 0 });
  });

  it("view=current shows 2022S1 by today's provinces", async () => {
    const b = (await api({ path: `${SUMMARY}&view=current`, token: tokens.leader })).body;
    expect(b.provinces.map((p: { name: string }) => p.name)).toEqual(['Bắc Ninh', 'Hà Nội', 'Hưng Yên', 'Ninh Bình', 'Phú Thọ']);
    const reported = (await api({ path: SUMMARY, token: tokens.leader })).body;
    const sum = (codes: string[]) => {
      const rows = reported.provinces.filter((p: { code: string }) => codes.includes(p.code));
      return { total: rows.reduce((s: number, p: any) => s + p.models.FAMILY.total, 0), registered: rows.reduce((s: number, p: any) => s + p.models.FAMILY.registered, 0) };
    };
    const hy = b.provinces.find((p: { name: string }) => p.name === 'Hưng Yên');
    const expected = sum(['33', '34']);
    expect(hy.models.FAMILY).toMatchObject({ ...expected, registrationRate: expected.registered / expected.total });
    expect(b.totals.models.FAMILY).toEqual(reported.totals.models.FAMILY);
  });

  /** A status set by hand, with an audit row as every write of the portal has: the summaries' cache (lib/dashboards/summary-cache.ts) sees writes by the audit log. */
  const setVinhPhuc2022S1 = (status: 'SUBMITTED' | 'APPROVED') =>
    ctx.db.$transaction([
      ctx.db.report.update({ where: { id: 'demo-report-vinh-phuc-2022S1' }, data: { status } }),
      ctx.db.auditLog.create({ data: { actorId: null, action: 'report.status', entityType: 'Report', entityId: 'demo-report-vinh-phuc-2022S1', newValue: status } }),
    ]);

  it('approvedOnly counts only approved reports', async () => {
    await setVinhPhuc2022S1('SUBMITTED');
    try {
      const all = (await api({ path: SUMMARY, token: tokens.leader })).body;
      const approved = (await api({ path: `${SUMMARY}&approvedOnly=true`, token: tokens.leader })).body;
      expect(all.completeness).toEqual({ expected: 8, submitted: 8, approved: 7 });
      const vp = approved.provinces.find((p: { code: string }) => p.code === '26');
      expect(vp.status).toBe('SUBMITTED');
      expect(vp.models.FAMILY.total).toBeNull();
      const vpAll = all.provinces.find((p: { code: string }) => p.code === '26');
      expect(approved.totals.models.FAMILY.total).toBe(all.totals.models.FAMILY.total - vpAll.models.FAMILY.total);
    } finally {
      await setVinhPhuc2022S1('APPROVED');
    }
  });

  it('admits the leader, the central association and administrators; by token or session', async () => {
    for (const token of [tokens.leader, tokens.central, tokens.admin]) expect((await api({ path: SUMMARY, token })).status).toBe(200);
    expect((await api({ path: SUMMARY, session: await sessionUserOf(ctx.db, demo('cum3')) })).status).toBe(200);
  });

  it('refuses province staff and the leader of another cluster (403), and anonymous callers (401)', async () => {
    const staff = await api({ path: SUMMARY, token: tokens.hungyen });
    expect(staff.status).toBe(403);
    expect(staff.body.error).toEqual({ code: 'FORBIDDEN', message: 'Số liệu tổng hợp của cụm chỉ dành cho cụm trưởng, Trung ương Hội và quản trị viên.' });
    const staffSession = await api({ path: SUMMARY, session: await sessionUserOf(ctx.db, demo('hanoi')) });
    expect(staffSession.status).toBe(403);
    const other = await api({ path: SUMMARY, token: tokens.otherLeader });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('Cụm này nằm ngoài phạm vi tài khoản của bạn.');
    // Refused before its query is looked at: a wrong period does not tell them more.
    expect((await api({ path: '/api/v1/clusters/CUM3/summary?period=nonsense', token: tokens.hungyen })).status).toBe(403);
    expect((await api({ path: SUMMARY })).status).toBe(401);
    expect((await api({ path: SUMMARY, token: 'khp_wrong' })).status).toBe(401);
  });

  it('refuses a missing or malformed period, or a bad flag, by parameter (400)', async () => {
    const missing = await api({ path: '/api/v1/clusters/CUM3/summary', token: tokens.leader });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'INVALID_INPUT', fields: { period: 'Thiếu kỳ báo cáo (period), ví dụ period=2022S1.' } });
    const bad = await api({ path: '/api/v1/clusters/CUM3/summary?period=2022s1&approvedOnly=yes&view=today', token: tokens.leader });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['approvedOnly', 'period', 'view']);
  });

  it('answers 404 for an unknown cluster or period', async () => {
    const cluster = await api({ path: '/api/v1/clusters/CUM42/summary?period=2022S1', token: tokens.central });
    expect(cluster.status).toBe(404);
    expect(cluster.body.error).toEqual({ code: 'NOT_FOUND', message: 'Không có cụm CUM42.' });
    const period = await api({ path: '/api/v1/clusters/CUM3/summary?period=2030S1', token: tokens.central });
    expect(period.status).toBe(404);
    expect(period.body.error.message).toBe('Không có kỳ báo cáo 2030S1 (6 tháng đầu năm 2030).');
  });
});

describe('GET /api/v1/summary', () => {
  it('every cluster side by side and the nation, for the central association and administrators', async () => {
    for (const token of [tokens.central, tokens.admin]) {
      const a = await api({ path: '/api/v1/summary?period=2022S1', token });
      expect(a.status).toBe(200);
      expect(Object.keys(a.body)).toEqual(['period', 'clusters', 'totals']);
      expect(a.body.clusters.map((c: any) => [c.cluster.code, c.provinces])).toEqual([
        ['CUM3', 8],
        ['CUM9', 0],
      ]);
      const cum3 = (await api({ path: SUMMARY, token })).body;
      expect(a.body.clusters[0].models).toEqual(cum3.totals.models);
      expect(a.body.clusters[0].fund).toEqual(cum3.totals.fund);
      expect(a.body.clusters[0].awards).toEqual(cum3.totals.awards);
      expect(a.body.clusters[0].completeness).toEqual({ expected: 8, submitted: 8, approved: 8 });
      expect(a.body.clusters[1].models.FAMILY).toEqual({ total: 0, registered: 0, recognised: 0, registrationRate: null, recognitionRate: null });
      expect(a.body.totals).toMatchObject({ provinces: 8, models: cum3.totals.models, completeness: { expected: 8, submitted: 8, approved: 8 } });
    }
  });

  it('refuses leaders and province staff (403)', async () => {
    for (const token of [tokens.leader, tokens.hungyen, tokens.otherLeader]) {
      const a = await api({ path: '/api/v1/summary?period=2022S1', token });
      expect(a.status).toBe(403);
      expect(a.body.error).toEqual({ code: 'FORBIDDEN', message: 'Số liệu toàn quốc chỉ dành cho Trung ương Hội và quản trị viên.' });
    }
  });

  it('400 without a period, 404 for an unknown one', async () => {
    expect((await api({ path: '/api/v1/summary', token: tokens.central })).status).toBe(400);
    expect((await api({ path: '/api/v1/summary?period=2019S1', token: tokens.central })).status).toBe(404);
  });
});
