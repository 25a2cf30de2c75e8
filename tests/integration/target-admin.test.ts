// National targets: the shipped reference targets and their loader, what the dashboards measure
// against, and every administrator's write (add a decision, change, end), its refusals, its audit
// rows and its permission, through the data layer, the server actions and the API.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { getClusterSummary } from '../../lib/dashboards/cluster-summary';
import { addDecisionTargets, listTargets, updateTarget } from '../../lib/reference/target-admin';
import { NewDecisionApiSchema, TARGET_MESSAGES } from '../../lib/reference/target-schemas';
import { loadReferenceTargets, REFERENCE_TARGETS } from '../../prisma/reference/targets';
import { callApi, demo, tokenFor } from '../helpers/api';
import { refusal } from '../helpers/refusal';
import { useSeededDb } from '../helpers/seeded-db';
import { createTestDb } from '../helpers/test-db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const actions = await import('../../app/(portal)/quan-tri/muc-tieu/actions');

const ctx = useSeededDb();
const NOW = new Date('2026-11-20T03:00:00Z');

beforeEach(() => {
  session.db = ctx.db;
  session.user = null;
});

const sessionUser = (email: string): Promise<SessionUser> =>
  ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
const admin = () => sessionUser(demo('admin'));

/** Everything a target write may write. */
async function state() {
  const [targets, audit] = await Promise.all([ctx.db.nationalTarget.findMany({ orderBy: { id: 'asc' } }), ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } })]);
  return { targets, audit };
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const newDecision = (targets: unknown[], decision = 'QĐ 999/QĐ-TTg', validFrom = '2027-01-01') => NewDecisionApiSchema.parse({ decision, validFrom, targets });

describe('the shipped targets', () => {
  it('are loaded with the reference data, each with its source, QĐ 677 setting 60 % of adults for 2030', async () => {
    const rows = await listTargets(ctx.db);
    expect(rows.map((t) => t.id).sort()).toEqual(REFERENCE_TARGETS.map((t) => t.id).sort());
    expect(rows.every((t) => t.source && /Điều 1/.test(t.source))).toBe(true);
    const rate = (id: string) => rows.find((t) => t.id === id)?.rateBp;
    expect([rate('qd677-2025-adults'), rate('qd677-2025-officials'), rate('qd677-2030-adults'), rate('qd677-2030-officials')]).toEqual([4000, 6000, 6000, 8000]);
    expect([rate('qd387-2025-family'), rate('qd387-2025-clan'), rate('qd387-2025-community'), rate('qd387-2025-unit')]).toEqual([7000, 6500, 6500, 8000]);
    expect(rows.find((t) => t.id === 'qd677-2030-adults')?.source).toBe('QĐ 677/QĐ-TTg ngày 03/6/2022, Điều 1, mục I, khoản 2, điểm b');
  });

  it('load into an empty database with one audit row, and a second load changes nothing', async () => {
    const empty = await createTestDb();
    try {
      const first = await loadReferenceTargets(empty.db, { now: NOW });
      expect(first.created).toHaveLength(REFERENCE_TARGETS.length);
      const audit = await empty.db.auditLog.findMany();
      expect(audit.map((a) => [a.action, a.entityType, a.newValue])).toEqual([['reference.targets.load', 'NationalTarget', `${REFERENCE_TARGETS.length} mục tiêu`]]);
      const before = { targets: await empty.db.nationalTarget.findMany({ orderBy: { id: 'asc' } }), audit: await empty.db.auditLog.count() };
      expect(await loadReferenceTargets(empty.db)).toEqual({ created: [] });
      expect({ targets: await empty.db.nationalTarget.findMany({ orderBy: { id: 'asc' } }), audit: await empty.db.auditLog.count() }).toEqual(before);
    } finally {
      await empty.close();
    }
  });

  it('keep an administrator’s correction when loaded again', async () => {
    await updateTarget(ctx.db, await admin(), 'qd387-2025-clan', { rateBp: 6600, source: 'Sửa theo bản gốc' }, NOW);
    const before = await state();
    expect(await loadReferenceTargets(ctx.db)).toEqual({ created: [] });
    expect(await state()).toEqual(before);
    expect(before.targets.find((t) => t.id === 'qd387-2025-clan')).toMatchObject({ rateBp: 6600, source: 'Sửa theo bản gốc' });
    await updateTarget(ctx.db, await admin(), 'qd387-2025-clan', { rateBp: 6500, source: REFERENCE_TARGETS.find((t) => t.id === 'qd387-2025-clan')!.source }, NOW);
  });
});

describe('what the dashboards measure against', () => {
  const citizenTargets = async (periodCode: string) =>
    (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode, now: NOW }))!.targets
      .filter((t) => t.target.model === 'CITIZEN')
      .map((t) => `${t.target.subject} ${t.target.targetYear} ${t.targetRate}`);

  it('from 2026 on, QĐ 677’s 2030 targets; until the end of 2025 its 2025 ones', async () => {
    expect(await citizenTargets('2025S2')).toEqual(['cán bộ, công chức, viên chức 2025 0.6', 'người lớn 2025 0.4']);
    expect(await citizenTargets('2026S1')).toEqual(['cán bộ, công chức, viên chức 2030 0.8', 'người lớn 2030 0.6']);
  });

  it('leave out a target after the last day an administrator ended it on', async () => {
    await updateTarget(ctx.db, await admin(), 'qd677-2030-adults', { validTo: new Date('2026-03-31T00:00:00Z') }, NOW);
    try {
      // 2026S1 is measured on its last day, 30 June 2026: the 2030 target for adults has ended by then.
      expect(await citizenTargets('2026S1')).toEqual(['cán bộ, công chức, viên chức 2030 0.8', 'người lớn 2025 0.4']);
    } finally {
      await updateTarget(ctx.db, await admin(), 'qd677-2030-adults', { validTo: null }, NOW);
    }
    expect(await citizenTargets('2026S1')).toEqual(['cán bộ, công chức, viên chức 2030 0.8', 'người lớn 2030 0.6']);
  });
});

describe('adding a decision and its targets', () => {
  it('writes the targets and one audit row each, in one go, with a text written when none is given', async () => {
    const actor = await admin();
    const created = await addDecisionTargets(
      ctx.db,
      actor,
      newDecision([
        { model: 'FAMILY', rate: 0.85, targetYear: 2030, source: 'Điều 1, khoản 2' },
        { model: 'CITIZEN', subject: 'người lớn', metric: 'REGISTRATION', rate: 0.705, targetYear: 2030, description: 'Đăng ký công dân học tập' },
      ]),
      NOW,
    );
    expect(created.map((t) => [t.decision, t.model, t.metric, t.subject, t.rateBp, t.targetYear, t.validFrom.toISOString().slice(0, 10), t.description, t.source])).toEqual([
      ['QĐ 999/QĐ-TTg', 'FAMILY', 'RECOGNITION', null, 8500, 2030, '2027-01-01', 'Đến năm 2030, 85\u00A0% hộ gia đình được công nhận danh hiệu “Gia đình học tập”.', 'Điều 1, khoản 2'],
      ['QĐ 999/QĐ-TTg', 'CITIZEN', 'REGISTRATION', 'người lớn', 7050, 2030, '2027-01-01', 'Đăng ký công dân học tập', null],
    ]);
    const audit = await ctx.db.auditLog.findMany({ where: { action: 'target.create', entityId: { in: created.map((t) => t.id) } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.actorId, a.entityType, a.newValue])).toEqual([
      [actor.id, 'NationalTarget', 'QĐ 999/QĐ-TTg: Gia đình học tập, tỷ lệ đạt danh hiệu 85\u00A0% đến năm 2030'],
      [actor.id, 'NationalTarget', 'QĐ 999/QĐ-TTg: Công dân học tập (người lớn), tỷ lệ đăng ký 70,5\u00A0% đến năm 2030'],
    ]);
  });

  it('refuses a target the decision already has, even without a subject, writing nothing', async () => {
    const before = await state();
    const e = await refusal(
      addDecisionTargets(
        ctx.db,
        await admin(),
        newDecision([{ model: 'CLAN', rate: 0.7, targetYear: 2030 }, { model: 'FAMILY', rate: 0.75, targetYear: 2025 }], 'QĐ 387/QĐ-TTg', '2022-03-25'),
        NOW,
      ),
    );
    expect(e.message).toBe('Chưa lưu: 1 mục tiêu đã có trong QĐ 387/QĐ-TTg.');
    expect(e.fieldErrors).toEqual({
      'targets.1.targetYear': ['Đã có mục tiêu này: QĐ 387/QĐ-TTg: Gia đình học tập, tỷ lệ đạt danh hiệu 70\u00A0% đến năm 2025. Hãy sửa mục tiêu đó thay vì thêm mới.'],
    });
    expect(await state()).toEqual(before);
  });

  it('refuses through the form a rate above 100 %, an unknown model and a year before the first day, writing nothing', async () => {
    session.user = await admin();
    const before = await state();
    const result = await actions.addDecisionTargetsAction(
      null,
      form({
        decision: 'QĐ 1000/QĐ-TTg',
        validFrom: '2027-01-01',
        'targets.0.model': 'FAMILY',
        'targets.0.metric': 'RECOGNITION',
        'targets.0.rate': '120',
        'targets.0.targetYear': '2030',
        'targets.1.model': 'FAMLY',
        'targets.1.metric': 'RECOGNITION',
        'targets.1.rate': '80',
        'targets.1.targetYear': '2030',
        'targets.2.model': 'CLAN',
        'targets.2.metric': 'RECOGNITION',
        'targets.2.rate': '80',
        'targets.2.targetYear': '2026',
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        'targets.0.rate': [TARGET_MESSAGES.rateAbove100],
        'targets.1.model': [TARGET_MESSAGES.model],
        'targets.2.targetYear': ['Năm mục tiêu (2026) không được trước năm bắt đầu hiệu lực (2027).'],
      },
    });
    expect(await state()).toEqual(before);
  });

  it('saves through the form and says so', async () => {
    session.user = await admin();
    const result = await actions.addDecisionTargetsAction(
      null,
      form({ decision: 'QĐ 1001/QĐ-TTg', validFrom: '2027-01-01', 'targets.0.model': 'UNIT', 'targets.0.metric': 'RECOGNITION', 'targets.0.subject': 'tổ chức cấp xã', 'targets.0.rate': '92,5', 'targets.0.targetYear': '2030' }),
    );
    expect(result).toEqual({ ok: true, message: 'Đã thêm 1 mục tiêu của QĐ 1001/QĐ-TTg.' });
    expect(await ctx.db.nationalTarget.findFirst({ where: { decision: 'QĐ 1001/QĐ-TTg' }, select: { rateBp: true, subject: true } })).toEqual({ rateBp: 9250, subject: 'tổ chức cấp xã' });
  });
});

describe('changing and ending a target', () => {
  it('writes one audit row per changed field, old → new, and nothing when nothing changed', async () => {
    const actor = await admin();
    const { target, changed } = await updateTarget(ctx.db, actor, 'qd387-2025-unit', { rateBp: 8250, source: 'Điều 1, khoản 2, điểm a', description: 'Mới' }, NOW);
    expect(changed).toEqual(['rateBp', 'description', 'source']);
    expect(target).toMatchObject({ rateBp: 8250, description: 'Mới', source: 'Điều 1, khoản 2, điểm a' });
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: 'qd387-2025-unit', action: 'target.update' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.actorId])).toEqual([
      ['rateBp', '80\u00A0%', '82,5\u00A0%', actor.id],
      ['description', 'Đến năm 2025, 80% các tổ chức, cơ quan, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn cấp xã được công nhận đạt danh hiệu “Đơn vị học tập”.', 'Mới', actor.id],
      ['source', 'QĐ 387/QĐ-TTg ngày 25/3/2022, Điều 1, mục tiêu cụ thể đến năm 2025', 'Điều 1, khoản 2, điểm a', actor.id],
    ]);
    const before = await state();
    expect((await updateTarget(ctx.db, actor, 'qd387-2025-unit', { rateBp: 8250 }, NOW)).changed).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('ends a target and puts it back in force, each audited', async () => {
    session.user = await admin();
    expect(await actions.endTargetAction(null, form({ id: 'qd281-2020-clan', validTo: '2021-12-31' }))).toEqual({ ok: true, message: 'Mục tiêu hết hiệu lực sau ngày 31/12/2021.' });
    expect(await actions.endTargetAction(null, form({ id: 'qd281-2020-clan', validTo: '2022-03-24' }))).toMatchObject({ ok: true });
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: 'qd281-2020-clan' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.field, a.oldValue, a.newValue])).toEqual([
      ['target.end', 'validTo', '2022-03-24', '2021-12-31'],
      ['target.end', 'validTo', '2021-12-31', '2022-03-24'],
    ]);
    expect(await actions.endTargetAction(null, form({ id: 'qd387-2025-family', validTo: '' }))).toEqual({ ok: true, message: 'Không có thay đổi nào.' });
  });

  it('refuses a first day after the target year, an end before the first day and an unknown target, writing nothing', async () => {
    const actor = await admin();
    const before = await state();
    const late = await refusal(updateTarget(ctx.db, actor, 'qd387-2025-family', { validFrom: new Date('2026-01-01T00:00:00Z') }, NOW));
    expect(late.fieldErrors).toEqual({ validFrom: ['Năm mục tiêu (2025) không được trước năm bắt đầu hiệu lực (2026).'] });
    const early = await refusal(updateTarget(ctx.db, actor, 'qd387-2025-family', { validTo: new Date('2022-01-01T00:00:00Z') }, NOW));
    expect(early.fieldErrors).toEqual({ validTo: [TARGET_MESSAGES.endBeforeStart] });
    expect((await refusal(updateTarget(ctx.db, actor, 'khong-co', { rateBp: 5000 }, NOW))).code).toBe('NOT_FOUND');
    session.user = actor;
    expect(await actions.updateTargetAction(null, form({ id: 'qd387-2025-family', rate: '100,5', description: '', source: '', validFrom: '2022-03-25' }))).toMatchObject({
      ok: false,
      fieldErrors: { rate: [TARGET_MESSAGES.rateAbove100] },
    });
    expect(await state()).toEqual(before);
  });
});

describe('who may write targets', () => {
  it('only administrators: a cluster leader and the central association are refused everywhere, writing nothing', async () => {
    const before = await state();
    for (const email of [demo('cum3'), demo('trunguong'), demo('hungyen')]) {
      const actor = await sessionUser(email);
      expect((await refusal(addDecisionTargets(ctx.db, actor, newDecision([{ model: 'FAMILY', rate: 0.9, targetYear: 2030 }], 'QĐ 2000/QĐ-TTg'), NOW))).code).toBe('FORBIDDEN');
      expect((await refusal(updateTarget(ctx.db, actor, 'qd387-2025-family', { rateBp: 1 }, NOW))).code).toBe('FORBIDDEN');
      session.user = actor;
      const refused = { ok: false, message: 'Bạn không có quyền thực hiện thao tác này.', fieldErrors: {} };
      expect(await actions.endTargetAction(null, form({ id: 'qd387-2025-family', validTo: '2026-12-31' }))).toEqual(refused);
      expect(
        await actions.addDecisionTargetsAction(
          null,
          form({ decision: 'QĐ 2000/QĐ-TTg', validFrom: '2027-01-01', 'targets.0.model': 'FAMILY', 'targets.0.metric': 'RECOGNITION', 'targets.0.rate': '90', 'targets.0.targetYear': '2030' }),
        ),
      ).toEqual(refused);
      const token = await tokenFor(ctx.db, email);
      const posted = await callApi(ctx.db, { method: 'POST', path: '/api/v1/targets', token, body: { decision: 'QĐ 2000/QĐ-TTg', validFrom: '2027-01-01', targets: [{ model: 'FAMILY', rate: 0.9, targetYear: 2030 }] } });
      expect(posted.status, email).toBe(403);
      const patched = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/targets/qd387-2025-family', token, body: { validTo: '2026-12-31' } });
      expect(patched.status, email).toBe(403);
    }
    const after = await state();
    expect(after.targets).toEqual(before.targets);
    // Creating the tokens above is audited; nothing about targets is.
    expect(after.audit.filter((a) => a.entityType === 'NationalTarget')).toEqual(before.audit.filter((a) => a.entityType === 'NationalTarget'));
  });
});

describe('the targets API', () => {
  it('lists every target, or those in force on a day, to any signed-in account', async () => {
    const token = await tokenFor(ctx.db, demo('hungyen'));
    const all = await callApi(ctx.db, { method: 'GET', path: '/api/v1/targets', token });
    expect(all.status).toBe(200);
    expect(all.body.targets.length).toBeGreaterThanOrEqual(REFERENCE_TARGETS.length);
    const inForce = await callApi(ctx.db, { method: 'GET', path: '/api/v1/targets?on=2026-06-30', token });
    expect(inForce.body.targets.filter((t: { model: string }) => t.model === 'CITIZEN').map((t: { id: string; rate: number }) => [t.id, t.rate])).toEqual([
      ['qd677-2030-officials', 0.8],
      ['qd677-2030-adults', 0.6],
    ]);
    const bad = await callApi(ctx.db, { method: 'GET', path: '/api/v1/targets?on=30/06/2026', token });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', fields: { on: TARGET_MESSAGES.day } } } });
  });

  it('adds and changes targets for an administrator, refusing invalid bodies whole', async () => {
    const token = await tokenFor(ctx.db, demo('admin'));
    const before = await state();
    const invalid = await callApi(ctx.db, {
      method: 'POST',
      path: '/api/v1/targets',
      token,
      body: { decision: 'QĐ 3000/QĐ-TTg', validFrom: '2027-01-01', targets: [{ model: 'FAMILY', rate: 0.9, targetYear: 2030 }, { model: 'CLAN', rate: 1.2, targetYear: 2030 }] },
    });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', fields: { 'targets.1.rate': TARGET_MESSAGES.rateAbove100 } } } });
    expect(await state()).toEqual(before);

    const added = await callApi(ctx.db, {
      method: 'POST',
      path: '/api/v1/targets',
      token,
      body: { decision: 'QĐ 3000/QĐ-TTg', validFrom: '2027-01-01', targets: [{ model: 'FAMILY', rate: 0.9, targetYear: 2030 }] },
    });
    expect(added.status).toBe(200);
    const [target] = added.body.targets;
    expect(target).toMatchObject({ decision: 'QĐ 3000/QĐ-TTg', model: 'FAMILY', metric: 'RECOGNITION', subject: null, rate: 0.9, targetYear: 2030, validFrom: '2027-01-01', validTo: null, source: null });

    const ended = await callApi(ctx.db, { method: 'PATCH', path: `/api/v1/targets/${target.id}`, token, body: { validTo: '2029-12-31', rate: 0.88 } });
    expect(ended).toMatchObject({ status: 200, body: { target: { rate: 0.88, validTo: '2029-12-31' }, changed: ['rateBp', 'validTo'] } });
    const identity = await callApi(ctx.db, { method: 'PATCH', path: `/api/v1/targets/${target.id}`, token, body: { targetYear: 2035 } });
    expect(identity).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT', message: TARGET_MESSAGES.identity } } });
    const missing = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/targets/khong-co', token, body: { rate: 0.5 } });
    expect(missing.status).toBe(404);
  });
});
