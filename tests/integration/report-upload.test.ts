import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { MAX_AMOUNT, MAX_COUNT } from '../../lib/reports/data';
import { parseReportWorkbook } from '../../lib/excel/report-workbook';
import { openWorkbook, REPORT_FILE_LIMITS } from '../../lib/excel/workbook-file';
import { confirmReportUpload, previewReportUpload, reportWorkbookDownload } from '../../lib/excel/report-upload';
import { getReportView, saveReportDraft } from '../../lib/reports/store';
import { sessionUserOf } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

const ctx = useSeededDb();

// Inside the open period 2026S2 (deadline 15/12/2026), and after it.
const DURING = new Date('2026-11-25T03:00:00Z');
const AFTER_DEADLINE = new Date('2026-12-20T03:00:00Z');
const HY_OPEN = { provinceCode: '33', periodCode: '2026S2' };
const HY_APPROVED = { provinceCode: '33', periodCode: '2026S1' };

const user = (email: string) => sessionUserOf(ctx.db, email);
const staff = () => user('hungyen@demo.khuyenhoc.vn');


async function snapshot() {
  const [reports, figures, audit] = await Promise.all([
    ctx.db.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, fundOpening: true, narrativeResults: true } }),
    ctx.db.modelFigure.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count(),
  ]);
  return { reports, figures, audit };
}

/** The portal's own workbook of a report, edited the way a person would in Excel. */
async function editedWorkbook(
  ref: { provinceCode: string; periodCode: string },
  edit: (wb: ExcelJS.Workbook) => void,
  as?: SessionUser,
): Promise<{ name: string; bytes: Buffer }> {
  const { fileName, bytes } = await reportWorkbookDownload(ctx.db, as ?? (await staff()), ref, DURING);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  edit(wb);
  return { name: fileName, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** Hưng Yên's open 2026S2 report, started as a draft with 2026S1's figures. */
async function startOpenDraft(): Promise<number> {
  const u = await staff();
  const view = await getReportView(ctx.db, u, HY_OPEN, DURING);
  if (view.report) return view.report.version;
  const approved = await getReportView(ctx.db, u, HY_APPROVED, DURING);
  return (await saveReportDraft(ctx.db, u, { ...HY_OPEN, version: 0, data: approved.data! }, DURING)).version;
}

describe('report workbook: download, preview, confirm', () => {
  it('round trip: the downloaded workbook uploaded again changes nothing', async () => {
    const u = await staff();
    const version = await startOpenDraft();
    const { fileName, bytes } = await reportWorkbookDownload(ctx.db, u, HY_OPEN, DURING);
    expect(fileName).toBe('bao-cao-33-2026S2.xlsx');
    const preview = await previewReportUpload(ctx.db, u, HY_OPEN, { name: fileName, bytes }, DURING);
    expect(preview.errors).toEqual([]);
    expect(preview.changes).toEqual([]);
    expect(preview.canConfirm).toBe(false);
    expect(preview.version).toBe(version);
    const before = await snapshot();
    const e = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, { name: fileName, bytes }, DURING));
    expect(e.message).toContain('không có thay đổi');
    expect(await snapshot()).toEqual(before);
  });

  it('round trip at the edges: the largest amounts and counts, multi-line Vietnamese text', async () => {
    const u = await staff();
    let version = await startOpenDraft();
    const original = (await getReportView(ctx.db, u, HY_OPEN, DURING)).data!;
    const data = structuredClone(original);
    data.fund.mobilised.OTHER = MAX_AMOUNT; // 10^15 đồng: exact as an Excel number
    data.awards.SCHOLARSHIP.DISADVANTAGED_STUDENT.amount = MAX_AMOUNT - 1n;
    data.membership.members = MAX_COUNT;
    data.narrative.plan = 'Dòng một: “khuyến học, khuyến tài”.\nDòng hai — xây dựng xã hội học tập; 100 % xã.';
    ({ version } = await saveReportDraft(ctx.db, u, { ...HY_OPEN, version, data }, DURING));
    const { bytes } = await reportWorkbookDownload(ctx.db, u, HY_OPEN, DURING);
    const parsed = parseReportWorkbook(await openWorkbook(bytes, REPORT_FILE_LIMITS));
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta).toEqual({ provinceCode: '33', provinceName: 'Hưng Yên', periodCode: '2026S2', version });
    expect(parsed.data).toEqual(data);
    // The other tests start from a consistent draft.
    await saveReportDraft(ctx.db, u, { ...HY_OPEN, version, data: original }, DURING);
  });

  it('previews every changed figure with its cell, saves nothing, then confirms in one write with audit rows', async () => {
    const u = await staff();
    const version = await startOpenDraft();
    const current = (await getReportView(ctx.db, u, HY_OPEN, DURING)).data!;
    const total = current.models.FAMILY.total!;
    const file = await editedWorkbook(HY_OPEN, (wb) => {
      const models = wb.getWorksheet('Mô hình học tập')!;
      models.getCell('D5').value = total - 1; // Gia đình học tập – đã đăng ký
      wb.getWorksheet('Hội viên, chi hội')!.getCell('B5').value = '1 234 567'; // số hội viên, typed with spaces
      wb.getWorksheet('Đánh giá chung')!.getCell('B6').value = 'Cần thêm kinh phí cho trung tâm học tập cộng đồng.';
    });
    const before = await snapshot();
    const preview = await previewReportUpload(ctx.db, u, HY_OPEN, file, DURING);
    expect(await snapshot()).toEqual(before);
    expect(preview.errors).toEqual([]);
    expect(preview.canConfirm).toBe(true);
    expect(preview.changes.map((c) => [c.label, c.where, c.after])).toEqual([
      ['Gia đình học tập – đã đăng ký', 'Mô hình học tập – D5', (total - 1).toLocaleString('vi-VN')],
      ['Số hội viên', 'Hội viên, chi hội – B5', '1.234.567'],
      ['Hạn chế', 'Đánh giá chung – B6', 'Cần thêm kinh phí cho trung tâm học tập cộng đồng.'],
    ]);
    expect(preview.changes[1].before).toBe(current.membership.members!.toLocaleString('vi-VN'));

    const saved = await confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, file, DURING);
    expect(saved).toEqual({ version: version + 1, changed: 3 });
    const after = await getReportView(ctx.db, u, HY_OPEN, DURING);
    expect(after.data!.models.FAMILY.registered).toBe(total - 1);
    expect(after.data!.membership.members).toBe(1_234_567);
    expect(after.data!.narrative.limitations).toBe('Cần thêm kinh phí cho trung tâm học tập cộng đồng.');
    expect(after.report!.status).toBe('DRAFT');
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: after.report!.id, details: { path: ['version'], equals: version + 1 } } });
    expect(audit.map((a) => a.field).sort()).toEqual(['membership.members', 'models.FAMILY.registered', 'narrative.limitations']);
    expect(audit.every((a) => (a.details as { source?: string; sha256?: string }).source === 'xlsx' && (a.details as { sha256?: string }).sha256 === preview.sha256)).toBe(true);
  });

  it('names the sheet and cell of a broken rule, and refuses to save it', async () => {
    const u = await staff();
    const version = await startOpenDraft();
    const file = await editedWorkbook(HY_OPEN, (wb) => {
      const models = wb.getWorksheet('Mô hình học tập')!;
      models.getCell('C5').value = 1200;
      models.getCell('D5').value = 1250;
      models.getCell('E5').value = 100;
    });
    const preview = await previewReportUpload(ctx.db, u, HY_OPEN, file, DURING);
    expect(preview.canConfirm).toBe(false);
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]).toMatch(/^Trang “Mô hình học tập”, ô D5: .*1\.250.*1\.200/);
    const before = await snapshot();
    const e = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, file, DURING));
    expect(e.message).toBe('Tệp còn 1 lỗi; chưa lưu gì.');
    expect(await snapshot()).toEqual(before);
  });

  it("refuses another province's workbook, naming both", async () => {
    const u = await staff();
    await startOpenDraft();
    const { bytes } = await reportWorkbookDownload(ctx.db, await user('cum3@demo.khuyenhoc.vn'), { provinceCode: '24', periodCode: '2026S1' }, DURING);
    const preview = await previewReportUpload(ctx.db, u, HY_OPEN, { name: 'bac-ninh.xlsx', bytes }, DURING);
    expect(preview.canConfirm).toBe(false);
    expect(preview.errors[0]).toContain('Bắc Ninh (mã 24), kỳ 2026S1, không phải của Hưng Yên (mã 33)');
  });

  it('refuses a confirmation with another file than the previewed one, or after someone else saved', async () => {
    const u = await staff();
    const version = await startOpenDraft();
    const a = await editedWorkbook(HY_OPEN, (wb) => (wb.getWorksheet('Hội viên, chi hội')!.getCell('B7').value = 11));
    const b = await editedWorkbook(HY_OPEN, (wb) => (wb.getWorksheet('Hội viên, chi hội')!.getCell('B7').value = 12));
    const preview = await previewReportUpload(ctx.db, u, HY_OPEN, a, DURING);
    expect(preview.canConfirm).toBe(true);
    const before = await snapshot();
    const other = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, b, DURING));
    expect(other.message).toContain('khác với tệp đã xem trước');
    // Someone saves from the form between the preview and the confirmation.
    const current = (await getReportView(ctx.db, u, HY_OPEN, DURING)).data!;
    current.membership.branches = 99;
    await saveReportDraft(ctx.db, u, { ...HY_OPEN, version, data: current }, DURING);
    const mid = await snapshot();
    expect(mid).not.toEqual(before);
    const stale = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, a, DURING));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('Số chi hội');
    expect(await snapshot()).toEqual(mid);
  });

  it('lets only the province itself upload, until the period is locked; readers in scope may download', async () => {
    await startOpenDraft();
    const file = await editedWorkbook(HY_OPEN, (wb) => (wb.getWorksheet('Hội viên, chi hội')!.getCell('B6').value = 5));
    for (const email of ['cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn', 'admin@demo.khuyenhoc.vn', 'bacninh@demo.khuyenhoc.vn', 'hanoi@demo.khuyenhoc.vn']) {
      const e = await refusal(previewReportUpload(ctx.db, await user(email), HY_OPEN, file, DURING));
      expect(e.code, email).toBe('FORBIDDEN');
    }
    // Past the deadline a late report may still be uploaded; a locked period refuses it.
    const late = await previewReportUpload(ctx.db, await staff(), HY_OPEN, file, AFTER_DEADLINE);
    expect(late.errors).toEqual([]);
    await ctx.db.period.update({ where: { code: HY_OPEN.periodCode }, data: { locked: true } });
    const locked = await refusal(previewReportUpload(ctx.db, await staff(), HY_OPEN, file, AFTER_DEADLINE));
    expect(locked.code).toBe('CONFLICT');
    await ctx.db.period.update({ where: { code: HY_OPEN.periodCode }, data: { locked: false } });
    // The cluster leader and the central association may read (and so download) it…
    for (const email of ['cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn']) {
      const { bytes } = await reportWorkbookDownload(ctx.db, await user(email), HY_OPEN, DURING);
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    }
    // …another province may not.
    const e = await refusal(reportWorkbookDownload(ctx.db, await user('bacninh@demo.khuyenhoc.vn'), HY_OPEN, DURING));
    expect(e.code).toBe('FORBIDDEN');
  });
});
