// Validation thresholds as settings: read in one query, changed and reset by administrators with
// an audit row old → new, refused whole when invalid, and used by every report check (the report
// page and its submission, the workbook upload, the history import).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import type { ReportData } from '../../lib/reports/data';
import { getReportView, saveAndSubmitReport } from '../../lib/reports/store';
import { historyHeadings, importHistory } from '../../lib/excel/history-import';
import { REPORT_FIELDS, reportField } from '../../lib/reports/fields';
import { periodRow } from '../../prisma/demo-data';
import { DEFAULT_THRESHOLDS, THRESHOLD_MESSAGES } from '../../lib/reference/settings';
import { listThresholdSettings, readValidationThresholds, updateThresholds } from '../../lib/reference/settings-store';
import { callApi, demo, tokenFor } from '../helpers/api';
import { refusal } from '../helpers/refusal';
import { useSeededDb } from '../helpers/seeded-db';
import { createTestDb } from '../helpers/test-db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const actions = await import('../../app/(portal)/quan-tri/cai-dat/actions');

const ctx = useSeededDb();
const NOW = new Date('2026-11-20T03:00:00Z');

beforeEach(async () => {
  session.db = ctx.db;
  session.user = null;
  // Every test starts from the defaults.
  await ctx.db.setting.deleteMany();
});

const sessionUser = (email: string): Promise<SessionUser> =>
  ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
const admin = () => sessionUser(demo('admin'));

async function state() {
  const [settings, audit] = await Promise.all([ctx.db.setting.findMany({ orderBy: { key: 'asc' } }), ctx.db.auditLog.findMany({ where: { entityType: 'Setting' }, orderBy: { id: 'asc' } })]);
  return { settings, audit };
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe('reading the thresholds', () => {
  it('gives the defaults on a database without settings, in one query', async () => {
    let sent = 0;
    const counted = await createTestDb({ onQuery: () => sent++ });
    try {
      sent = 0;
      expect(await readValidationThresholds(counted.db)).toEqual(DEFAULT_THRESHOLDS);
      expect(sent).toBe(1);
      expect((await listThresholdSettings(counted.db)).map((s) => [s.name, s.value, s.defaultValue, s.custom])).toEqual([
        ['registrationRateChangePoints', 15, 15, false],
        ['awardAverageMin', 50_000, 50_000, false],
        ['awardAverageMax', 20_000_000, 20_000_000, false],
      ]);
    } finally {
      await counted.close();
    }
  });
});

describe('changing the thresholds', () => {
  it('stores each changed value with an audit row old → new, and a reset deletes it, audited too', async () => {
    const actor = await admin();
    const { changed } = await updateThresholds(ctx.db, actor, { registrationRateChangePoints: 10, awardAverageMax: 25_000_000, awardAverageMin: 50_000 }, NOW);
    // The minimum was given at its default and had no row: nothing to write for it.
    expect(changed).toEqual(['registrationRateChangePoints', 'awardAverageMax']);
    expect(await readValidationThresholds(ctx.db)).toEqual({ registrationRateChangePoints: 10, awardAverageMin: 50_000, awardAverageMax: 25_000_000 });
    const reset = await updateThresholds(ctx.db, actor, { registrationRateChangePoints: null }, NOW);
    expect(reset.changed).toEqual(['registrationRateChangePoints']);
    expect(reset.settings.find((s) => s.name === 'registrationRateChangePoints')).toMatchObject({ value: 15, custom: false });
    const { settings, audit } = await state();
    expect(settings.map((s) => [s.key, s.value, s.updatedById])).toEqual([['validation.awardAverageMax', 25_000_000, actor.id]]);
    expect(audit.slice(-3).map((a) => [a.action, a.entityId, a.field, a.oldValue, a.newValue, a.actorId])).toEqual([
      ['setting.update', 'validation.registrationRateChangePoints', 'registrationRateChangePoints', '15\u00A0điểm\u00A0%', '10\u00A0điểm\u00A0%', actor.id],
      ['setting.update', 'validation.awardAverageMax', 'awardAverageMax', '20.000.000\u00A0₫', '25.000.000\u00A0₫', actor.id],
      ['setting.reset', 'validation.registrationRateChangePoints', 'registrationRateChangePoints', '10\u00A0điểm\u00A0%', '15\u00A0điểm\u00A0%', actor.id],
    ]);
  });

  it('refuses a value out of range and a range out of order, writing nothing', async () => {
    const actor = await admin();
    await updateThresholds(ctx.db, actor, { awardAverageMax: 1_000_000 }, NOW);
    const before = await state();
    expect((await refusal(updateThresholds(ctx.db, actor, { registrationRateChangePoints: 0 }, NOW))).fieldErrors).toEqual({
      registrationRateChangePoints: [THRESHOLD_MESSAGES.pointsRange],
    });
    // Each value is valid, but the minimum would pass the maximum in force.
    expect((await refusal(updateThresholds(ctx.db, actor, { awardAverageMin: 2_000_000 }, NOW))).fieldErrors).toEqual({ awardAverageMin: [THRESHOLD_MESSAGES.order] });
    expect(await state()).toEqual(before);
  });

  it('through the form: saves what changed, refuses invalid input naming the field, resets one threshold', async () => {
    session.user = await admin();
    const fields = { registrationRateChangePoints: '12,5', awardAverageMin: '50.000', awardAverageMax: '20.000.000' };
    expect(await actions.updateThresholdsAction(null, form(fields))).toEqual({ ok: true, message: 'Đã lưu 1 ngưỡng. Các lần kiểm tra báo cáo từ nay dùng ngưỡng mới.' });
    expect(await actions.updateThresholdsAction(null, form(fields))).toEqual({ ok: true, message: 'Không có thay đổi nào.' });
    const before = await state();
    expect(await actions.updateThresholdsAction(null, form({ ...fields, awardAverageMin: '30.000.000' }))).toMatchObject({
      ok: false,
      fieldErrors: { awardAverageMax: [THRESHOLD_MESSAGES.order] },
    });
    expect(await state()).toEqual(before);
    expect(await actions.resetThresholdAction(null, form({ name: 'registrationRateChangePoints' }))).toEqual({
      ok: true,
      message: 'Đã đưa “Mức thay đổi tỷ lệ đăng ký so với kỳ trước” về mặc định.',
    });
    expect(await readValidationThresholds(ctx.db)).toEqual(DEFAULT_THRESHOLDS);
  });

  it('only administrators: a cluster leader and the central association are refused, writing nothing', async () => {
    const before = await state();
    for (const email of [demo('cum3'), demo('trunguong'), demo('hungyen')]) {
      const actor = await sessionUser(email);
      expect((await refusal(updateThresholds(ctx.db, actor, { registrationRateChangePoints: 5 }, NOW))).code).toBe('FORBIDDEN');
      session.user = actor;
      expect(await actions.updateThresholdsAction(null, form({ registrationRateChangePoints: '5', awardAverageMin: '50.000', awardAverageMax: '20.000.000' }))).toMatchObject({
        ok: false,
        message: 'Bạn không có quyền thực hiện thao tác này.',
      });
      const answer = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/settings', token: await tokenFor(ctx.db, email), body: { registrationRateChangePoints: 5 } });
      expect(answer.status, email).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('through the API: any account reads them, an administrator changes and resets them', async () => {
    const read = await callApi(ctx.db, { method: 'GET', path: '/api/v1/settings', token: await tokenFor(ctx.db, demo('hungyen')) });
    expect(read.status).toBe(200);
    expect(read.body.thresholds[0]).toEqual({ name: 'registrationRateChangePoints', label: 'Mức thay đổi tỷ lệ đăng ký so với kỳ trước', unit: 'điểm %', value: 15, default: 15, custom: false });
    const token = await tokenFor(ctx.db, demo('admin'));
    const changed = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/settings', token, body: { awardAverageMax: 30_000_000 } });
    expect(changed).toMatchObject({ status: 200, body: { changed: ['awardAverageMax'] } });
    expect(changed.body.thresholds[2]).toMatchObject({ value: 30_000_000, custom: true });
    const invalid = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/settings', token, body: { awardAverageMax: 200_000_000 } });
    expect(invalid).toMatchObject({ status: 400, body: { error: { fields: { awardAverageMax: THRESHOLD_MESSAGES.vndRange } } } });
    const reset = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/settings', token, body: { awardAverageMax: null } });
    expect(reset.body.thresholds[2]).toMatchObject({ value: 20_000_000, custom: false });
  });
});

describe('a changed threshold changes what a report check warns about', () => {
  const DURING = new Date('2026-11-25T03:00:00Z');

  /** Hưng Yên's 2026S1 figures with the family registration rate moved by 12 points. */
  async function figuresWithTwelvePointChange(staff: SessionUser): Promise<ReportData> {
    const view = await getReportView(ctx.db, staff, { provinceCode: '33', periodCode: '2026S1' }, DURING);
    const data = structuredClone(view.data!);
    const family = data.models.FAMILY;
    const total = family.total!;
    const twelvePoints = Math.round(total * 0.12);
    const up = family.registered! + twelvePoints <= total;
    family.registered = up ? family.registered! + twelvePoints : family.registered! - twelvePoints;
    family.recognised = Math.min(family.recognised!, family.registered);
    return data;
  }

  it('on the report page, and at submission, which then needs an explanation', async () => {
    const staff = await sessionUser(demo('hungyen'));
    const data = await figuresWithTwelvePointChange(staff);
    const ref = { provinceCode: '33', periodCode: '2026S2' };
    const warningIds = async () => (await getReportView(ctx.db, staff, ref, DURING)).check?.warnings.map((w) => w.rule.id) ?? [];

    await updateThresholds(ctx.db, await admin(), { registrationRateChangePoints: 10 }, NOW);
    const refused = await refusal(saveAndSubmitReport(ctx.db, staff, { ...ref, version: 0, data }, DURING));
    expect(refused.code).toBe('RULES_FAILED');
    expect(Object.keys(refused.fieldErrors)).toEqual(['explanations.models.FAMILY.registration-rate-change']);
    expect(refused.fieldErrors['explanations.models.FAMILY.registration-rate-change']![0]).toMatch(/quá 10\u00A0điểm\u00A0%\.$/);

    // The same figures under the default 15 points: no warning, and the page's thresholds say so.
    await updateThresholds(ctx.db, await admin(), { registrationRateChangePoints: null }, NOW);
    const saved = await saveAndSubmitReport(ctx.db, staff, { ...ref, version: 0, data }, DURING);
    expect(saved).toMatchObject({ status: 'SUBMITTED' });
    expect(await warningIds()).toEqual([]);
    await updateThresholds(ctx.db, await admin(), { registrationRateChangePoints: 10 }, NOW);
    expect(await warningIds()).toEqual(['models.FAMILY.registration-rate-change']);
    expect((await getReportView(ctx.db, staff, ref, DURING)).thresholds).toEqual({ ...DEFAULT_THRESHOLDS, registrationRateChangePoints: 10 });
  });

  it('in a history file: the same award average warns by default and not once the maximum is raised', async () => {
    await ctx.db.period.upsert({ where: { code: '2019S2' }, update: {}, create: periodRow('2019S2', true) });
    const headings = historyHeadings();
    const values = new Map<string, string>([['Mã tỉnh', '01'], ['Mã kỳ báo cáo', '2019S2']]);
    for (const f of REPORT_FIELDS) values.set(f.label, f.kind === 'text' ? (f.path === 'narrative.results' ? 'Kết quả' : '') : '0');
    // 300.000.000 đồng for 10 excellent students: 30.000.000 each, above the default 20.000.000.
    values.set(reportField('awards.SCHOLARSHIP.EXCELLENT_STUDENT.recipients').label, '10');
    values.set(reportField('awards.SCHOLARSHIP.EXCELLENT_STUDENT.amount').label, '300000000');
    const csv = [headings, headings.map((h) => values.get(h) ?? '')].map((cells) => cells.map((c) => `"${c}"`).join(',')).join('\r\n');
    const file = { name: 'lich-su.csv', bytes: Buffer.from(`${csv}\r\n`) };
    const admin_ = await admin();
    const warnings = async () => (await importHistory(ctx.db, admin_, file, { dryRun: true, now: NOW })).warnings;
    expect(await warnings()).toEqual([expect.stringMatching(/bình quân 30\.000\.000\u00A0₫ mỗi người nhận .*cao hơn 20\.000\.000\u00A0₫\.$/)]);
    await updateThresholds(ctx.db, admin_, { awardAverageMax: 40_000_000 }, NOW);
    expect(await warnings()).toEqual([]);
  });
});
