// Periods, deadlines, extensions and locks through the data layer (lib/reference/period-admin.ts):
// every write and its refusals, its audit rows, and that only administrators may write; refused
// writes change nothing. On the seeded demo (2021S1–2026S2; 2026S2 open, due 15/12/2026).
import { describe, expect, it } from 'vitest';
import {
  createPeriodsOfYear,
  listPeriodsForAdmin,
  removeDeadlineExtension,
  setDeadlineExtension,
  updatePeriod,
} from '../../lib/reference/period-admin';
import { DeadlineSchema } from '../../lib/reference/period-schemas';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';
import { sessionUserOf, demo, TEST_NOW } from '../helpers/api';

const ctx = useSeededDb();
const deadline = (s: string) => DeadlineSchema.parse(s);

async function state() {
  const [periods, extensions, audit] = await Promise.all([
    ctx.db.period.findMany({ orderBy: { code: 'asc' } }),
    ctx.db.deadlineExtension.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { periods, extensions, audit };
}

const auditSince = async (since: bigint) => ctx.db.auditLog.findMany({ where: { id: { gt: since } }, orderBy: { id: 'asc' } });
const lastAuditId = async () => (await ctx.db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;

describe('period administration: only administrators', () => {
  it('refuses every write to a cluster leader, the central association and province staff, writing nothing', async () => {
    const before = await state();
    for (const email of [demo('cum3'), demo('trunguong'), demo('hungyen'), demo('vinhphuc')]) {
      const user = await sessionUserOf(ctx.db, email);
      const attempts = [
        createPeriodsOfYear(ctx.db, user, { year: 2027 }, TEST_NOW),
        updatePeriod(ctx.db, user, { period: '2026S2', locked: true }, TEST_NOW),
        updatePeriod(ctx.db, user, { period: '2026S2', deadline: deadline('2026-12-31') }, TEST_NOW),
        setDeadlineExtension(ctx.db, user, { period: '2026S2', province: '33', deadline: deadline('2026-12-31'), reason: 'Lũ lụt' }, TEST_NOW),
        removeDeadlineExtension(ctx.db, user, { period: '2026S2', province: '33', reason: 'Nhầm' }, TEST_NOW),
        listPeriodsForAdmin(ctx.db, user, TEST_NOW),
      ];
      for (const attempt of attempts) expect((await refusal(attempt)).code, email).toBe('FORBIDDEN');
    }
    expect(await state()).toEqual(before);
  });
});

describe('creating a year', () => {
  it('creates 2027S1 and 2027S2, open, with the default dates and deadlines, and an audit row each', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    expect((await listPeriodsForAdmin(ctx.db, admin, TEST_NOW)).nextYear).toBe(2027);
    const since = await lastAuditId();
    const created = await createPeriodsOfYear(ctx.db, admin, { year: 2027 }, TEST_NOW);
    expect(created.map((p) => [p.code, p.startDate.toISOString(), p.endDate.toISOString(), p.deadline.toISOString(), p.locked])).toEqual([
      ['2027S1', '2027-01-01T00:00:00.000Z', '2027-06-30T00:00:00.000Z', '2027-07-15T16:59:59.000Z', false],
      ['2027S2', '2027-07-01T00:00:00.000Z', '2027-12-31T00:00:00.000Z', '2027-12-15T16:59:59.000Z', false],
    ]);
    const audit = await auditSince(since);
    expect(audit.map((a) => [a.action, a.entityType, a.newValue, a.actorId, a.at.toISOString()])).toEqual([
      ['period.create', 'Period', '2027S1', admin.id, TEST_NOW.toISOString()],
      ['period.create', 'Period', '2027S2', admin.id, TEST_NOW.toISOString()],
    ]);
    expect(audit[0].details).toEqual({ startDate: '2027-01-01', endDate: '2027-06-30', deadline: '2027-07-15T16:59:59.000Z' });
    const listed = await listPeriodsForAdmin(ctx.db, admin, TEST_NOW);
    expect(listed.nextYear).toBe(2028);
    expect(listed.periods[0]).toMatchObject({ code: '2027S2', label: '6 tháng cuối năm 2027', extensions: [] });
    // The provinces an extension may name are those in force on the period's first day: Vĩnh Phúc until 2025S1 only.
    expect(listed.periods[0].provinces.map((p) => p.name)).not.toContain('Vĩnh Phúc');
    expect(listed.periods.find((p) => p.code === '2025S1')!.provinces.map((p) => p.name)).toContain('Vĩnh Phúc');
  });

  it('takes other deadlines when given', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const created = await createPeriodsOfYear(ctx.db, admin, { year: 2030, deadlines: { S2: deadline('2030-12-20') } }, TEST_NOW);
    expect(created.map((p) => p.deadline.toISOString())).toEqual(['2030-07-15T16:59:59.000Z', '2030-12-20T16:59:59.000Z']);
  });

  it('refuses a year that exists and a deadline before its period begins, writing nothing', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const before = await state();
    const exists = await refusal(createPeriodsOfYear(ctx.db, admin, { year: 2026 }, TEST_NOW));
    expect(exists.code).toBe('CONFLICT');
    expect(exists.fieldErrors).toEqual({ year: ['Các kỳ báo cáo năm 2026 đã có.'] });
    const early = await refusal(createPeriodsOfYear(ctx.db, admin, { year: 2031, deadlines: { S2: deadline('2031-06-30') } }, TEST_NOW));
    expect(early.code).toBe('INVALID_INPUT');
    expect(early.fieldErrors).toEqual({ 'deadlines.S2': ['Hạn nộp không được trước ngày bắt đầu kỳ (01/07/2031).'] });
    expect(await state()).toEqual(before);
  });
});

describe('a period’s deadline and lock', () => {
  it('moves a deadline, with the old and new values in the audit row', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const since = await lastAuditId();
    const moved = await updatePeriod(ctx.db, admin, { period: '2027S1', deadline: deadline('2027-07-31') }, TEST_NOW);
    expect(moved.deadline.toISOString()).toBe('2027-07-31T16:59:59.000Z');
    const audit = await auditSince(since);
    expect(audit.map((a) => [a.action, a.field, a.oldValue, a.newValue])).toEqual([
      ['period.deadline', 'deadline', '2027-07-15T16:59:59.000Z', '2027-07-31T16:59:59.000Z'],
    ]);
  });

  it('locks and unlocks, one audit row each; a change that changes nothing writes nothing', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const since = await lastAuditId();
    expect((await updatePeriod(ctx.db, admin, { period: '2027S1', locked: true }, TEST_NOW)).locked).toBe(true);
    const unchanged = await state();
    expect((await updatePeriod(ctx.db, admin, { period: '2027S1', locked: true, deadline: deadline('2027-07-31') }, TEST_NOW)).locked).toBe(true);
    expect(await state()).toEqual(unchanged);
    expect((await updatePeriod(ctx.db, admin, { period: '2027S1', locked: false }, TEST_NOW)).locked).toBe(false);
    const audit = await auditSince(since);
    expect(audit.map((a) => [a.action, a.field, a.oldValue, a.newValue, a.entityType])).toEqual([
      ['period.lock', 'locked', 'false', 'true', 'Period'],
      ['period.unlock', 'locked', 'true', 'false', 'Period'],
    ]);
    // Both changes at once: two rows in one transaction.
    const both = await lastAuditId();
    await updatePeriod(ctx.db, admin, { period: '2027S2', locked: true, deadline: deadline('2027-12-20') }, TEST_NOW);
    expect((await auditSince(both)).map((a) => a.action)).toEqual(['period.deadline', 'period.lock']);
    await updatePeriod(ctx.db, admin, { period: '2027S2', locked: false, deadline: deadline('2027-12-15') }, TEST_NOW);
  });

  it('refuses a period that does not exist and a deadline before the period begins, writing nothing', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const before = await state();
    const missing = await refusal(updatePeriod(ctx.db, admin, { period: '2040S1', locked: true }, TEST_NOW));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'Không có kỳ báo cáo 2040S1.']);
    const early = await refusal(updatePeriod(ctx.db, admin, { period: '2027S2', deadline: deadline('2027-06-30') }, TEST_NOW));
    expect(early.fieldErrors).toEqual({ deadline: ['Hạn nộp không được trước ngày bắt đầu kỳ (01/07/2027).'] });
    expect(await state()).toEqual(before);
  });
});

describe('a province’s extension', () => {
  it('grants one with its reason, then changes it, old → new in the audit; withdraws it with a reason', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const since = await lastAuditId();
    const granted = await setDeadlineExtension(
      ctx.db,
      admin,
      { period: '2027S1', province: '33', deadline: deadline('2027-08-10'), reason: 'Bão số 3 làm gián đoạn việc tổng hợp.' },
      TEST_NOW,
    );
    expect(granted).toMatchObject({ period: '2027S1', province: { code: '33', name: 'Hưng Yên' }, deadline: new Date('2027-08-10T16:59:59.000Z') });
    await setDeadlineExtension(ctx.db, admin, { period: '2027S1', province: '33', deadline: deadline('2027-08-15'), reason: 'Gia hạn thêm.' }, TEST_NOW);
    const rows = await ctx.db.deadlineExtension.findMany({ where: { period: { code: '2027S1' } } });
    expect(rows.map((r) => [r.deadline.toISOString(), r.reason, r.createdById])).toEqual([['2027-08-15T16:59:59.000Z', 'Gia hạn thêm.', admin.id]]);
    const listed = (await listPeriodsForAdmin(ctx.db, admin, TEST_NOW)).periods.find((p) => p.code === '2027S1')!;
    expect(listed.extensions.map((e) => [e.province.name, e.reason, e.createdBy])).toEqual([['Hưng Yên', 'Gia hạn thêm.', 'Quản trị hệ thống']]);

    await removeDeadlineExtension(ctx.db, admin, { period: '2027S1', province: '33', reason: 'Tỉnh đã kịp gửi.' }, TEST_NOW);
    expect(await ctx.db.deadlineExtension.count({ where: { period: { code: '2027S1' } } })).toBe(0);
    const audit = await auditSince(since);
    expect(audit.map((a) => [a.action, a.entityType, a.oldValue, a.newValue])).toEqual([
      ['period.extension.set', 'DeadlineExtension', null, '2027-08-10T16:59:59.000Z'],
      ['period.extension.set', 'DeadlineExtension', '2027-08-10T16:59:59.000Z', '2027-08-15T16:59:59.000Z'],
      ['period.extension.remove', 'DeadlineExtension', '2027-08-15T16:59:59.000Z', null],
    ]);
    expect(audit[1].details).toMatchObject({ period: '2027S1', province: '33', reason: 'Gia hạn thêm.', previousReason: 'Bão số 3 làm gián đoạn việc tổng hợp.' });
    expect(audit[2].details).toMatchObject({ reason: 'Tỉnh đã kịp gửi.', previousReason: 'Gia hạn thêm.' });
  });

  it('refuses an extension earlier than the deadline, a province not in force, a period that does not exist, writing nothing', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const before = await state();
    const reason = 'Lý do';
    const early = await refusal(setDeadlineExtension(ctx.db, admin, { period: '2027S1', province: '33', deadline: deadline('2027-07-20'), reason }, TEST_NOW));
    // 2027S1 is due 31/07/2027 since the deadline was moved above.
    expect(early.fieldErrors).toEqual({ deadline: ['Hạn gia hạn phải sau hạn nộp chung của kỳ (31/07/2027).'] });
    const merged = await refusal(setDeadlineExtension(ctx.db, admin, { period: '2027S1', province: '26', deadline: deadline('2027-08-20'), reason }, TEST_NOW));
    expect(merged.fieldErrors).toEqual({ province: ['Không có tỉnh, thành phố mã 26 trong 6 tháng đầu năm 2027.'] });
    const missing = await refusal(setDeadlineExtension(ctx.db, admin, { period: '2040S1', province: '33', deadline: deadline('2040-08-20'), reason }, TEST_NOW));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'Không có kỳ báo cáo 2040S1.']);
    const nothing = await refusal(removeDeadlineExtension(ctx.db, admin, { period: '2027S1', province: '33', reason: 'Nhầm' }, TEST_NOW));
    expect(nothing.fieldErrors).toEqual({ province: ['Hưng Yên không được gia hạn trong 6 tháng đầu năm 2027.'] });
    expect(await state()).toEqual(before);
  });

  it('resolves a province code at the period’s date: 26 is Vĩnh Phúc in 2025S1', async () => {
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const e = await setDeadlineExtension(ctx.db, admin, { period: '2025S1', province: '26', deadline: deadline('2025-07-31'), reason: 'Chuẩn bị hợp nhất.' }, TEST_NOW);
    expect(e.province.name).toBe('Vĩnh Phúc');
    await removeDeadlineExtension(ctx.db, admin, { period: '2025S1', province: '26', reason: 'Thử nghiệm.' }, TEST_NOW);
  });

  it('refuses an invalid deadline text with a message naming the field', () => {
    const parsed = DeadlineSchema.safeParse('15/07/2027');
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0].message).toMatch(/^Hạn nộp là một ngày/);
    expect(DeadlineSchema.safeParse('2027-02-30').success).toBe(false);
    expect(DeadlineSchema.parse('2027-07-31T12:00:00+07:00').toISOString()).toBe('2027-07-31T05:00:00.000Z');
    expect(() => DeadlineSchema.parse(undefined)).toThrow(/Vui lòng chọn hạn nộp/);
  });
});
