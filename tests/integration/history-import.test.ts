import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPORT_FIELDS, reportField } from '../../lib/reports/fields';
import { HistoryImportError, historyHeadings, historyTemplateXlsx, importHistory } from '../../lib/excel/history-import';
import { getReportView } from '../../lib/reports/store';
import { periodRow } from '../../prisma/demo-data';
import { sessionUserOf } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

const ctx = useSeededDb();
const NOW = new Date('2026-11-25T03:00:00Z');

const user = (email: string) => sessionUserOf(ctx.db, email);

async function snapshot() {
  const [reports, figures, audit, events] = await Promise.all([
    ctx.db.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, members: true, fundOpening: true } }),
    ctx.db.modelFigure.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count(),
    ctx.db.reportStatusEvent.count(),
  ]);
  return { reports, figures, audit, events };
}


/** Periods from before the portal (2019–2020), closed long ago: what a history file fills. */
async function addOldPeriods() {
  for (const code of ['2019S1', '2019S2', '2020S1', '2020S2']) {
    await ctx.db.period.upsert({ where: { code }, update: {}, create: periodRow(code, true) });
  }
}

type Row = Record<string, string | number | null>;

const L = {
  total: reportField('models.FAMILY.total').label,
  registered: reportField('models.FAMILY.registered').label,
  recognised: reportField('models.FAMILY.recognised').label,
  members: reportField('membership.members').label,
  branches: reportField('membership.branches').label,
};

/** A consistent report row: every rule passes (registered ≤ total, the fund balances…). */
function row(provinceCode: string, periodCode: string, scale: number): Row {
  const r: Row = { 'Mã tỉnh': provinceCode, 'Mã kỳ báo cáo': periodCode };
  for (const f of REPORT_FIELDS) {
    if (f.kind === 'text') r[f.label] = f.path === 'narrative.results' ? `Kết quả ${periodCode}` : null;
    else r[f.label] = 0;
  }
  r[L.total] = 1000 * scale;
  r[L.registered] = 900 * scale;
  r[L.recognised] = 800 * scale;
  r[L.members] = 5000 * scale;
  return r;
}

async function xlsx(rows: Row[], headings = historyHeadings()): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Số liệu');
  sheet.addRow(headings);
  for (const r of rows) sheet.addRow(headings.map((h) => r[h] ?? null));
  return { name: 'lich-su.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

describe('bulk history import', () => {
  it('creates approved reports for closed periods, then loading the same file again changes nothing', async () => {
    await addOldPeriods();
    const admin = await user('admin@demo.khuyenhoc.vn');
    const rows = ['2019S1', '2019S2', '2020S1', '2020S2'].flatMap((p, i) => [row('26', p, i + 1), row('34', p, i + 2)]);
    const file = await xlsx(rows);

    const dry = await importHistory(ctx.db, admin, file, { dryRun: true, now: NOW });
    expect(dry).toMatchObject({ dryRun: true, rows: 8, created: 8, updated: 0, unchanged: 0 });
    expect(await ctx.db.report.count({ where: { period: { code: { startsWith: '2019' } } } })).toBe(0);

    const first = await importHistory(ctx.db, admin, file, { now: NOW });
    expect(first).toMatchObject({ dryRun: false, rows: 8, created: 8, updated: 0, unchanged: 0 });
    const cb = await user('cum3@demo.khuyenhoc.vn');
    const vp = await getReportView(ctx.db, cb, { provinceCode: '26', periodCode: '2020S1' }, NOW);
    expect(vp.report!.status).toBe('APPROVED');
    expect(vp.data!.models.FAMILY).toEqual({ total: 3000, registered: 2700, recognised: 2400 });
    expect(vp.data!.membership.members).toBe(15000);
    expect(vp.data!.narrative.results).toBe('Kết quả 2020S1');
    expect(vp.history.some((h) => h.kind === 'status' && h.action === 'IMPORT')).toBe(true);

    const before = await snapshot();
    const again = await importHistory(ctx.db, admin, file, { now: new Date(NOW.getTime() + 60_000) });
    expect(again).toMatchObject({ rows: 8, created: 0, updated: 0, unchanged: 8 });
    expect(await snapshot()).toEqual(before);
  });

  it('updates approved reports figure by figure, leaving the columns the file does not have as they are', async () => {
    await addOldPeriods();
    const central = await user('trunguong@demo.khuyenhoc.vn');
    const cb = await user('cum3@demo.khuyenhoc.vn');
    const ref = { provinceCode: '27', periodCode: '2022S1' };
    const before = await getReportView(ctx.db, cb, ref, NOW);
    const headings = ['Mã tỉnh', 'Mã kỳ báo cáo', L.members, L.branches];
    const file = await xlsx([{ 'Mã tỉnh': '27', 'Mã kỳ báo cáo': '2022S1', [L.members]: before.data!.membership.members! + 10, [L.branches]: before.data!.membership.branches }], headings);
    const summary = await importHistory(ctx.db, central, file, { now: NOW });
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const after = await getReportView(ctx.db, cb, ref, NOW);
    expect(after.data!.membership.members).toBe(before.data!.membership.members! + 10);
    expect({ ...after.data!, membership: null }).toEqual({ ...before.data!, membership: null });
    expect(after.report!.version).toBe(before.report!.version + 1);
    expect(after.report!.status).toBe('APPROVED');
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: after.report!.id, action: 'report.update', details: { path: ['version'], equals: after.report!.version } } });
    expect(audit.map((a) => [a.field, a.newValue])).toEqual([['membership.members', String(before.data!.membership.members! + 10)]]);
    expect((audit[0].details as { source: string }).source).toBe('portal');
  });

  it('refuses the whole file when one row breaks a rule, naming its cell; nothing is written', async () => {
    await addOldPeriods();
    const admin = await user('admin@demo.khuyenhoc.vn');
    const bad = row('35', '2019S2', 1);
    bad[L.registered] = 1250;
    bad[L.total] = 1200;
    const file = await xlsx([row('35', '2019S1', 1), bad, row('36', '2019S1', 1)]);
    const before = await snapshot();
    const e = await refusal(importHistory(ctx.db, admin, file, { now: NOW }));
    expect(e).toBeInstanceOf(HistoryImportError);
    expect((e as HistoryImportError).issues).toHaveLength(1);
    const registeredColumn = String.fromCharCode(64 + historyHeadings().indexOf(L.registered) + 1);
    expect((e as HistoryImportError).issues[0]).toMatch(new RegExp(`^Trang “Số liệu”, ô ${registeredColumn}3: Hà Nam – 6 tháng cuối năm 2019: .*1\\.250.*1\\.200`));
    expect(await snapshot()).toEqual(before);
  });

  it('refuses reports still in the provinces’ hands and periods still open', async () => {
    const admin = await user('admin@demo.khuyenhoc.vn');
    const open = row('33', '2026S2', 1);
    const file = await xlsx([open]);
    const before = await snapshot();
    const e = (await refusal(importHistory(ctx.db, admin, file, { now: NOW }))) as HistoryImportError;
    expect(e.issues.join('\n')).toMatch(/6 tháng cuối năm 2026 đang mở|chưa duyệt/);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only administrators and the central association import', async () => {
    await addOldPeriods();
    const file = await xlsx([row('26', '2019S1', 7)]);
    const before = await snapshot();
    for (const email of ['cum3@demo.khuyenhoc.vn', 'hungyen@demo.khuyenhoc.vn']) {
      const e = await refusal(importHistory(ctx.db, await user(email), file, { now: NOW }));
      expect(e.code, email).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('reads a CSV file the same way, and the downloadable template is the file’s format', async () => {
    await addOldPeriods();
    const admin = await user('admin@demo.khuyenhoc.vn');
    const headings = historyHeadings();
    const r = row('37', '2020S2', 3);
    const csv = [headings, headings.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h])))]
      .map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
      .join('\r\n');
    const summary = await importHistory(ctx.db, admin, { name: 'lich-su.csv', bytes: Buffer.from(`\uFEFF${csv}\r\n`) }, { now: NOW });
    expect(summary).toMatchObject({ created: 1, updated: 0, unchanged: 0 });

    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await historyTemplateXlsx()) as unknown as ExcelJS.Buffer);
    const headingRow = template.getWorksheet('Số liệu')!.getRow(1).values as unknown[];
    expect(headingRow.slice(1)).toEqual(headings);
  });
});
