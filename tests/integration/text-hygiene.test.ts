// Hostile and odd text (issue 13, items 9 and 10): a NUL byte, which PostgreSQL cannot store,
// and the bidirectional and zero-width characters that make text display differently from what
// it contains, sent through every way text enters the portal: the server actions, the API, an
// uploaded workbook and a history CSV. Each is saved without them, never answered with a 500.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { confirmReportUpload, previewReportUpload, reportWorkbookDownload } from '../../lib/excel/report-upload';
import { historyHeadings, importHistory } from '../../lib/excel/history-import';
import { REPORT_FIELDS, reportField } from '../../lib/reports/fields';
import { emptyReportData } from '../../lib/reports/data';
import { getReportView, saveReportDraft } from '../../lib/reports/store';
import { periodRow } from '../../prisma/demo-data';
import { callApi, demo, sessionUserOf, TEST_NOW, tokenFor } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const reportActions = await import('../../app/(portal)/bao-cao/[province]/[period]/actions');
const tokenActions = await import('../../app/(portal)/tai-khoan/actions');
const userActions = await import('../../app/(portal)/quan-tri/nguoi-dung/actions');
const adminActions = await import('../../app/(portal)/quan-tri/actions');

const ctx = useSeededDb();

beforeAll(() => {
  // Inside the open period 2026S2 whatever the day the suite runs; only Date is faked.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
});
afterAll(() => vi.useRealTimers());
beforeEach(() => {
  session.db = ctx.db;
  session.user = null;
});

async function signInAs(local: string) {
  session.user = await sessionUserOf(ctx.db, demo(local));
  return session.user;
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

// Written as escapes so that the test shows exactly what it sends.
const NUL = '\u0000';
const RLO = '\u202E'; // right-to-left override: what follows displays reversed
const PDF = '\u202C'; // pop directional formatting
const ZWSP = '\u200B';
const LRI = '\u2066';
const BOM = '\uFEFF';

const reportOf = (provinceCode: string, periodCode: string) =>
  ctx.db.report.findFirstOrThrow({ where: { province: { code: provinceCode, validTo: null }, period: { code: periodCode } } });

describe('text with NUL, bidirectional and zero-width characters', () => {
  it('a narrative saved through the server action is stored without them', async () => {
    await signInAs('hungyen');
    const state = await reportActions.saveReportDraftAction(
      null,
      form({ provinceCode: '33', periodCode: '2026S2', version: '0', 'narrative.results': `Kết quả${NUL} tốt${RLO}ổn định${PDF}.${ZWSP}`, 'narrative.plan': `Kế${LRI} hoạch${BOM}` }),
    );
    expect(state).toMatchObject({ ok: true, version: 1 });
    const stored = await reportOf('33', '2026S2');
    expect(stored.narrativeResults).toBe('Kết quả tốtổn định.');
    expect(stored.narrativePlan).toBe('Kế hoạch');
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: stored.id, field: { startsWith: 'narrative.' } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.newValue)).toEqual(['Kết quả tốtổn định.', 'Kế hoạch']);
  });

  it('a narrative saved through the API is stored without them, and a NUL in the address is not a server error', async () => {
    const token = await tokenFor(ctx.db, demo('bacninh'));
    const body = `{"version":0,"data":{"narrative":{"results":"Kết quả\\u0000 tốt\\u202e","limitations":"Hạn\\u200b chế\\u2069"}}}`;
    const saved = await callApi(ctx.db, { method: 'PUT', path: '/api/v1/provinces/24/reports/2026S2', token, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ version: 1, changed: 2 });
    const stored = await reportOf('24', '2026S2');
    expect([stored.narrativeResults, stored.narrativeLimitations]).toEqual(['Kết quả tốt', 'Hạn chế']);

    const read = await callApi(ctx.db, { method: 'GET', path: '/api/v1/provinces/24/reports/2026S2', token });
    expect(read.body.report.data.narrative).toMatchObject({ results: 'Kết quả tốt', limitations: 'Hạn chế' });
    const address = await callApi(ctx.db, { method: 'GET', path: '/api/v1/provinces/%00/reports/2026S2', token });
    expect(address.status).toBe(404);
    // A query's parameters are codes and switches, which their schemas refuse whole.
    const central = await tokenFor(ctx.db, demo('trunguong'));
    const query = await callApi(ctx.db, { method: 'GET', path: '/api/v1/summary?period=2022S1%00', token: central });
    expect([query.status, query.body.error.code]).toEqual([400, 'INVALID_INPUT']);
  });

  it('an API token’s name is stored without them', async () => {
    const user = await signInAs('hungyen');
    const state = await tokenActions.createApiTokenAction(null, form({ name: `Máy${NUL} chủ${RLO} báo cáo${ZWSP}` }));
    expect(state).toMatchObject({ ok: true, message: 'Đã tạo mã truy cập.' });
    const tokens = await ctx.db.apiToken.findMany({ where: { userId: user.id }, select: { name: true } });
    expect(tokens.map((t) => t.name)).toContain('Máy chủ báo cáo');
  });

  it('a user’s name and e-mail are stored without them; what is left of the e-mail is what the administrator saw', async () => {
    await signInAs('admin');
    const state = await userActions.createUserAction(
      null,
      form({ email: `can.bo${ZWSP}.moi@tinh.vn`, name: `Nguyễn${NUL} Văn${RLO} An${PDF}`, role: 'CENTRAL', passwordMode: 'generate' }),
    );
    expect(state).toMatchObject({ ok: true, message: 'Đã tạo tài khoản can.bo.moi@tinh.vn (Trung ương Hội).' });
    const created = await ctx.db.user.findUniqueOrThrow({ where: { email: 'can.bo.moi@tinh.vn' } });
    expect(created.name).toBe('Nguyễn Văn An');
  });

  it('a cluster’s note is stored without them', async () => {
    await signInAs('admin');
    const cluster = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } });
    const state = await adminActions.updateClusterNoteAction(null, form({ clusterId: cluster.id, note: `Ghi chú${NUL} của${LRI} cụm${BOM}` }));
    expect(state).toMatchObject({ ok: true });
    expect((await ctx.db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).note).toBe('Ghi chú của cụm');
  });

  it('a workbook cell holding them (Excel writes NUL as _x0000_) is read, previewed and saved without them', async () => {
    const staff = await sessionUserOf(ctx.db, demo('hungyen'));
    const ref = { provinceCode: '33', periodCode: '2026S2' };
    const current = (await getReportView(ctx.db, staff, ref, TEST_NOW)).report;
    const version = current ? current.version : (await saveReportDraft(ctx.db, staff, { ...ref, version: 0, data: emptyReportData() }, TEST_NOW)).version;
    const { fileName, bytes } = await reportWorkbookDownload(ctx.db, staff, ref, TEST_NOW);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    wb.getWorksheet('Đánh giá chung')!.getCell('B6').value = 'Hạn chế CELLMARK kinh phí';
    // ExcelJS will not write a NUL itself; Excel stores one as the escape _x0000_, which ExcelJS reads back as NUL.
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('CELLMARK');
    zip.file('xl/sharedStrings.xml', strings.replace('CELLMARK', `về_x0000_${RLO}${ZWSP}`));
    const file = { name: fileName, bytes: await zip.generateAsync({ type: 'nodebuffer' }) };

    const preview = await previewReportUpload(ctx.db, staff, ref, file, TEST_NOW);
    expect(preview.errors).toEqual([]);
    expect(preview.changes.map((c) => [c.label, c.after])).toEqual([['Hạn chế', 'Hạn chế về kinh phí']]);
    const saved = await confirmReportUpload(ctx.db, staff, { ...ref, version, sha256: preview.sha256 }, file, TEST_NOW);
    expect(saved).toEqual({ version: version + 1, changed: 1 });
    expect((await reportOf('33', '2026S2')).narrativeLimitations).toBe('Hạn chế về kinh phí');
  });

  it('a history CSV holding them (past the part that tells text from binary files) is imported without them', async () => {
    await ctx.db.period.upsert({ where: { code: '2019S1' }, update: {}, create: periodRow('2019S1', true) });
    const admin = await sessionUserOf(ctx.db, demo('admin'));
    const headings = historyHeadings();
    const values: Record<string, string> = { 'Mã tỉnh': `3${ZWSP}7`, 'Mã kỳ báo cáo': `2019S1${RLO}` };
    for (const f of REPORT_FIELDS) values[f.label] = f.kind === 'text' ? '' : '0';
    const long = 'Khuyến học, khuyến tài. '.repeat(200); // over 4 096 bytes
    values[reportField('narrative.results').label] = `${long}Kết${NUL} quả${RLO} tốt`;
    const csv = [headings, headings.map((h) => values[h] ?? '')].map((cells) => cells.map((c) => `"${c}"`).join(',')).join('\r\n');
    const summary = await importHistory(ctx.db, admin, { name: 'lich-su.csv', bytes: Buffer.from(`\uFEFF${csv}\r\n`) }, { now: TEST_NOW });
    expect(summary).toMatchObject({ created: 1 });
    // Ninh Bình as it was in 2019, before the 2025 mergers.
    const stored = await ctx.db.report.findFirstOrThrow({ where: { province: { code: '37' }, period: { code: '2019S1' } } });
    expect(stored.narrativeResults).toBe(`${long}Kết quả tốt`);
  });
});
