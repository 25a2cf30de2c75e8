// The periods' administration API (POST /api/v1/periods, PATCH /api/v1/periods/{code},
// POST /api/v1/periods/{code}/extensions) through the real route handlers: what each answers, the
// error format of its refusals, that only administrators may write, and that a refused or invalid
// call changes nothing. GET /api/v1/periods shows the extensions to administrators only.
import { describe, expect, it } from 'vitest';
import { callApi, demo, tokenFor } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const tokens = new Map<string, string>();
const token = async (local: string) => {
  if (!tokens.has(local)) tokens.set(local, await tokenFor(ctx.db, demo(local)));
  return tokens.get(local)!;
};

async function state() {
  const [periods, extensions, audit] = await Promise.all([
    ctx.db.period.findMany({ orderBy: { code: 'asc' } }),
    ctx.db.deadlineExtension.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count(),
  ]);
  return { periods, extensions, audit };
}

describe('the periods administration API', () => {
  it('refuses every write to accounts that are not administrators (403), and anonymous calls (401), changing nothing', async () => {
    for (const local of ['cum3', 'trunguong', 'hungyen']) await token(local); // creating a token is audited too
    const before = await state();
    const writes = [
      { method: 'POST' as const, path: '/api/v1/periods', body: { year: 2027 } },
      { method: 'PATCH' as const, path: '/api/v1/periods/2026S2', body: { locked: true } },
      { method: 'POST' as const, path: '/api/v1/periods/2026S2/extensions', body: { province: '33', deadline: '2026-12-31', reason: 'Bão lũ' } },
    ];
    for (const local of ['cum3', 'trunguong', 'hungyen']) {
      for (const w of writes) {
        const answer = await callApi(ctx.db, { ...w, token: await token(local) });
        expect([local, w.path, answer.status, answer.body.error.code]).toEqual([local, w.path, 403, 'FORBIDDEN']);
      }
    }
    for (const w of writes) expect((await callApi(ctx.db, w)).status).toBe(401);
    expect(await state()).toEqual(before);
  });

  it('creates a year, moves its deadline, locks it, and grants an extension', async () => {
    const admin = await token('admin');
    const created = await callApi(ctx.db, { method: 'POST', path: '/api/v1/periods', token: admin, body: { year: 2027 } });
    expect(created.status).toBe(200);
    expect(created.body.periods.map((p: { code: string; deadline: string; locked: boolean }) => [p.code, p.deadline, p.locked])).toEqual([
      ['2027S1', '2027-07-15T16:59:59.000Z', false],
      ['2027S2', '2027-12-15T16:59:59.000Z', false],
    ]);

    const moved = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/periods/2027S1', token: admin, body: { deadline: '2027-07-31' } });
    expect(moved.status).toBe(200);
    expect(moved.body.period).toMatchObject({ code: '2027S1', deadline: '2027-07-31T16:59:59.000Z', locked: false, extensions: [] });

    const extended = await callApi(ctx.db, {
      method: 'POST',
      path: '/api/v1/periods/2027S1/extensions',
      token: admin,
      body: { province: '37', deadline: '2027-08-10T17:00:00+07:00', reason: 'Tỉnh tổ chức đại hội.' },
    });
    expect(extended.status).toBe(200);
    expect(extended.body).toEqual({
      extension: { period: '2027S1', province: { code: '37', name: 'Ninh Bình' }, deadline: '2027-08-10T10:00:00.000Z', reason: 'Tỉnh tổ chức đại hội.' },
    });

    const locked = await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/periods/2027S1', token: admin, body: { locked: true } });
    expect(locked.body.period).toMatchObject({ locked: true, extensions: [{ province: { code: '37' }, reason: 'Tỉnh tổ chức đại hội.' }] });
    await callApi(ctx.db, { method: 'PATCH', path: '/api/v1/periods/2027S1', token: admin, body: { locked: false } });

    const actions = await ctx.db.auditLog.findMany({ where: { action: { startsWith: 'period.' } }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['period.create', 'period.create', 'period.deadline', 'period.extension.set', 'period.lock', 'period.unlock']);
  });

  it('shows the extensions to administrators only', async () => {
    const asAdmin = await callApi(ctx.db, { method: 'GET', path: '/api/v1/periods', token: await token('admin') });
    const s1 = asAdmin.body.periods.find((p: { code: string }) => p.code === '2027S1');
    expect(s1.extensions).toEqual([{ province: { code: '37', name: 'Ninh Bình' }, deadline: '2027-08-10T10:00:00.000Z', reason: 'Tỉnh tổ chức đại hội.' }]);
    const asStaff = await callApi(ctx.db, { method: 'GET', path: '/api/v1/periods', token: await token('ninhbinh') });
    expect(Object.keys(asStaff.body.periods[0]).sort()).toEqual(['code', 'deadline', 'end', 'label', 'locked', 'start']);
  });

  it('refuses invalid and impossible calls with the error format, field by field, changing nothing', async () => {
    const admin = await token('admin');
    const before = await state();
    const cases: Array<[string, 'POST' | 'PATCH', string, unknown, number, unknown]> = [
      ['a year that exists', 'POST', '/api/v1/periods', { year: 2027 }, 409, { code: 'CONFLICT', message: 'Các kỳ báo cáo năm 2027 đã có.', fields: { year: 'Các kỳ báo cáo năm 2027 đã có.' } }],
      ['a year out of range', 'POST', '/api/v1/periods', { year: 1999 }, 400, { code: 'INVALID_INPUT', message: '…', fields: { year: 'Năm phải là một số nguyên từ 2000 đến 2100.' } }],
      ['a misspelt key', 'POST', '/api/v1/periods', { year: 2028, deadline: '2028-07-15' }, 400, { code: 'INVALID_INPUT', message: 'Trường không được hỗ trợ: deadline.' }],
      ['a deadline before the period', 'POST', '/api/v1/periods', { year: 2028, deadlines: { S1: '2027-12-31' } }, 400, { code: 'INVALID_INPUT', message: 'Hạn nộp không được trước ngày bắt đầu kỳ (01/01/2028).', fields: { 'deadlines.S1': 'Hạn nộp không được trước ngày bắt đầu kỳ (01/01/2028).' } }],
      ['nothing to change', 'PATCH', '/api/v1/periods/2027S1', {}, 400, { code: 'INVALID_INPUT', message: 'Không có gì để thay đổi: gửi hạn nộp mới (deadline) hoặc khoá sổ (locked).' }],
      ['a deadline that is no date', 'PATCH', '/api/v1/periods/2027S1', { deadline: '31/07/2027', locked: 'yes' }, 400, { code: 'INVALID_INPUT', message: '…', fields: { deadline: 'Hạn nộp là một ngày (năm-tháng-ngày, ví dụ 2027-07-15) hoặc một thời điểm kèm múi giờ (ví dụ 2027-07-15T23:59:59+07:00).', locked: 'Khoá sổ (locked) là true hoặc false.' } }],
      ['a period that does not exist', 'PATCH', '/api/v1/periods/2040S1', { locked: true }, 404, { code: 'NOT_FOUND', message: 'Không có kỳ báo cáo 2040S1.' }],
      ['an extension to a period that does not exist', 'POST', '/api/v1/periods/2040S1/extensions', { province: '33', deadline: '2040-08-01', reason: 'x' }, 404, { code: 'NOT_FOUND', message: 'Không có kỳ báo cáo 2040S1.' }],
      ['an extension not later than the deadline', 'POST', '/api/v1/periods/2027S1/extensions', { province: '33', deadline: '2027-07-31', reason: 'Bão' }, 400, { code: 'INVALID_INPUT', message: 'Hạn gia hạn phải sau hạn nộp chung của kỳ (31/07/2027).', fields: { deadline: 'Hạn gia hạn phải sau hạn nộp chung của kỳ (31/07/2027).' } }],
      ['an extension for a province merged away', 'POST', '/api/v1/periods/2027S1/extensions', { province: '26', deadline: '2027-08-31', reason: 'Bão' }, 400, { code: 'INVALID_INPUT', message: 'Không có tỉnh, thành phố mã 26 trong 6 tháng đầu năm 2027.', fields: { province: 'Không có tỉnh, thành phố mã 26 trong 6 tháng đầu năm 2027.' } }],
      ['an extension without a reason', 'POST', '/api/v1/periods/2027S1/extensions', { province: '33', deadline: '2027-08-31', reason: '  ' }, 400, { code: 'INVALID_INPUT', message: '…', fields: { reason: 'Vui lòng ghi lý do gia hạn.' } }],
    ];
    for (const [what, method, path, body, status, error] of cases) {
      const answer = await callApi(ctx.db, { method, path, token: admin, body });
      expect([what, answer.status], JSON.stringify(answer.body)).toEqual([what, status]);
      const expected = error as { message: string };
      expect(answer.body.error, what).toEqual(expected.message === '…' ? { ...expected, message: answer.body.error.message } : expected);
    }
    expect(await state()).toEqual(before);
  });
});
