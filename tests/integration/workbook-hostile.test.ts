// Hostile and messy spreadsheets (issue 6): every file here is generated in the test, with
// ExcelJS or byte by byte (zip headers written by hand, entries deflated with node:zlib), never
// a binary fixture. Each case ends in what a person would notice: a clear Vietnamese refusal
// naming the sheet and cell where there is one, or the right figures read, and, for refusals,
// a database left exactly as it was.
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { reportField } from '../../lib/reports/fields';
import { HistoryImportError, importHistory } from '../../lib/excel/history-import';
import { REPORT_FIGURES_SELECT, rowsToReportData } from '../../lib/reports/mapping';
import { confirmReportUpload, previewReportUpload, reportWorkbookDownload, type UploadedFile } from '../../lib/excel/report-upload';
import { getReportView, saveReportDraft } from '../../lib/reports/store';
import { HISTORY_FILE_LIMITS, REPORT_FILE_LIMITS } from '../../lib/excel/upload-limits';
import { REPORT_SHEETS } from '../../lib/excel/workbook-layout';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

const ctx = useSeededDb();

// Inside the open period 2026S2 (deadline 15/12/2026).
const DURING = new Date('2026-11-25T03:00:00Z');
const HY_OPEN = { provinceCode: '33', periodCode: '2026S2' };
const HY_APPROVED = { provinceCode: '33', periodCode: '2026S1' };

async function user(email: string): Promise<SessionUser> {
  return ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
}
const staff = () => user('hungyen@demo.khuyenhoc.vn');
const admin = () => user('admin@demo.khuyenhoc.vn');

/** Everything an upload or an import could write. */
async function snapshot() {
  const [reports, figures, funds, awards, events, audit] = await Promise.all([
    ctx.db.report.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, status: true, version: true, fundOpening: true, members: true, narrativeResults: true, narrativeLimitations: true },
    }),
    ctx.db.modelFigure.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.fundMobilisation.count(),
    ctx.db.awardFigure.count(),
    ctx.db.reportStatusEvent.count(),
    ctx.db.auditLog.count(),
  ]);
  return { reports, figures, funds, awards, events, audit };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a refusal, but the call succeeded');
    },
    (err: unknown) => err,
  );
}


const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Hưng Yên's open 2026S2 report, started as a draft with 2026S1's figures (once). */
async function openVersion(): Promise<number> {
  const u = await staff();
  const view = await getReportView(ctx.db, u, HY_OPEN, DURING);
  if (view.report) return view.report.version;
  const approved = await getReportView(ctx.db, u, HY_APPROVED, DURING);
  return (await saveReportDraft(ctx.db, u, { ...HY_OPEN, version: 0, data: approved.data! }, DURING)).version;
}

async function currentData() {
  return (await getReportView(ctx.db, await staff(), HY_OPEN, DURING)).data!;
}

/** The portal's own workbook of the open report, edited the way a person would in Excel. */
async function editedWorkbook(edit: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<UploadedFile> {
  const { fileName, bytes } = await reportWorkbookDownload(ctx.db, await staff(), HY_OPEN, DURING);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  await edit(wb);
  return { name: fileName, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const s = wb.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};

/**
 * A file refused as a whole: the preview refuses it with a Vietnamese message, a confirmation
 * sent without a preview (with the file's own hash) is refused the same way, and nothing is
 * written. Returns the message.
 */
async function refusedUpload(file: UploadedFile): Promise<string> {
  const u = await staff();
  const version = await openVersion();
  const before = await snapshot();
  const previewed = await refusal(previewReportUpload(ctx.db, u, HY_OPEN, file, DURING));
  expect(previewed.code).toBe('INVALID_INPUT');
  const confirmed = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: sha256(file.bytes) }, file, DURING));
  expect(confirmed.message).toBe(previewed.message);
  expect(await snapshot()).toEqual(before);
  return previewed.message;
}

/** A workbook read, but with errors: the preview lists them, confirming is refused, nothing is written. */
async function previewWithErrors(file: UploadedFile) {
  const u = await staff();
  const version = await openVersion();
  const before = await snapshot();
  const preview = await previewReportUpload(ctx.db, u, HY_OPEN, file, DURING);
  expect(preview.errors.length).toBeGreaterThan(0);
  expect(preview.canConfirm).toBe(false);
  expect(preview.changes).toEqual([]);
  const e = await refusal(confirmReportUpload(ctx.db, u, { ...HY_OPEN, version, sha256: preview.sha256 }, file, DURING));
  expect(e.message).toBe(`Tệp còn ${preview.errors.length.toLocaleString('vi-VN')} lỗi; chưa lưu gì.`);
  expect(await snapshot()).toEqual(before);
  return preview;
}

async function cleanPreview(file: UploadedFile) {
  await openVersion();
  const before = await snapshot();
  const preview = await previewReportUpload(ctx.db, await staff(), HY_OPEN, file, DURING);
  expect(await snapshot()).toEqual(before);
  expect(preview.errors).toEqual([]);
  return preview;
}

const vi = (n: number) => n.toLocaleString('vi-VN');

// ---------------------------------------------------------------------------------------------
// Zip files by hand: local headers, central directory and end record, as the .zip format says.

type ZipEntry = { name: string; packed: Buffer; size: number; crc: number; method?: 0 | 8 };

function entry(name: string, data: Buffer | string): ZipEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, packed: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** A zip of the entries; `claimedSize` makes the headers lie about an entry's inflated size. */
function zip(entries: Array<ZipEntry & { claimedSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const size = e.claimedSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1 Jan 1980
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.packed);
    centrals.push(central, name);
    offset += local.length + name.length + e.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The smallest .xlsx ExcelJS opens: one sheet, its XML stored under `sheetEntry`. */
function handmadeXlsx(sheetData: string, sheetEntry = 'xl/worksheets/sheet1.xml'): Buffer {
  return zip([
    entry(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ),
    entry('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    entry('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${SPREADSHEET_NS}" xmlns:r="${DOC_RELS}"><sheets><sheet name="Mô hình học tập" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    entry('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    entry(sheetEntry, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SPREADSHEET_NS}"><sheetData>${sheetData}</sheetData></worksheet>`),
  ]);
}

const numberedRows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i + 1}</v></c></row>`).join('');

/** Formats one cell as a date, without touching the style it shares with other cells. */
function asDate(cell: ExcelJS.Cell): void {
  cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' };
}

const CORRUPT = 'Tệp .xlsx bị hỏng hoặc không trọn vẹn';

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  await openVersion();
});

describe('report upload: files that are not workbooks are refused, saying what they are', () => {
  it('plain text, random bytes and a PDF', async () => {
    const text = await refusedUpload({ name: 'bao-cao.xlsx', bytes: Buffer.from('Mã tỉnh,Số hội viên\n33,1200\n', 'utf8') });
    expect(text).toBe('Tệp không phải là bảng tính (có thể đã bị đổi đuôi). Hãy tải lên một tệp Excel (.xlsx).');
    // Deterministic “random” bytes: a chain of SHA-256 digests.
    const noise = Buffer.concat(Array.from({ length: 64 }, (_, i) => createHash('sha256').update(`noise ${i}`).digest()));
    expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes: noise })).toBe(text);
    const pdf = await refusedUpload({ name: 'bao-cao.xlsx', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n', 'latin1') });
    expect(pdf).toBe('Đây là tệp PDF, không phải bảng tính. Hãy tải lên một tệp Excel (.xlsx).');
  });

  it('a Word document or a zip renamed .xlsx, and an old .xls file', async () => {
    const docx = zip([
      entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      entry('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
    ]);
    const renamed = await refusedUpload({ name: 'bao-cao.xlsx', bytes: docx });
    expect(renamed).toContain('Tệp là tệp nén nhưng không phải sổ làm việc Excel');
    expect(renamed).toContain('tệp Word');
    // An empty zip is a zip too.
    expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes: zip([]) })).toBe(renamed);

    const ole = Buffer.alloc(1536);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const xls = await refusedUpload({ name: 'bao-cao.xlsx', bytes: ole });
    expect(xls).toContain('Excel 97–2003 (.xls)');
    expect(xls).toContain('Sổ làm việc Excel (.xlsx)');
  });

  it('an empty (0-byte) file', async () => {
    expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes: Buffer.alloc(0) })).toBe('Tệp rỗng (0 byte).');
  });
});

describe('report upload: workbooks without the template’s sheets', () => {
  it('an empty workbook (one blank sheet) lists every missing sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const preview = await previewWithErrors({ name: 'Book1.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(preview.errors[0]).toMatch(/^Trang “Thông tin”: thiếu trang này nên không biết tệp là báo cáo của tỉnh nào, kỳ nào/);
    expect(preview.errors.slice(1)).toEqual(
      REPORT_SHEETS.map((s) => `Trang “${s.name}”: thiếu trang này trong tệp. Hãy dùng mẫu Excel tải từ cổng (đủ các trang) và không xoá hay đổi tên trang.`),
    );
    expect(preview.notes).toEqual(['Trang “Sheet1”: trang này không có trong mẫu nên được bỏ qua.']);
  });

  it('a workbook with no sheet at all', async () => {
    const wb = new ExcelJS.Workbook();
    expect(await refusedUpload({ name: 'Book1.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) })).toBe('Sổ làm việc không có trang tính nào.');
  });

  it('the sheet “Quỹ khuyến học” deleted', async () => {
    const file = await editedWorkbook((wb) => wb.removeWorksheet(sheet(wb, 'Quỹ khuyến học').id));
    const preview = await previewWithErrors(file);
    expect(preview.errors).toEqual([
      'Trang “Quỹ khuyến học”: thiếu trang này trong tệp. Hãy dùng mẫu Excel tải từ cổng (đủ các trang) và không xoá hay đổi tên trang.',
    ]);
  });

  it('the sheet “Thông tin” deleted: the province and period are unknown', async () => {
    const file = await editedWorkbook((wb) => {
      wb.removeWorksheet(sheet(wb, 'Thông tin').id);
      sheet(wb, 'Hội viên, chi hội').getCell('B7').value = 4321;
    });
    const preview = await previewWithErrors(file);
    expect(preview.errors).toEqual([
      'Trang “Thông tin”: thiếu trang này nên không biết tệp là báo cáo của tỉnh nào, kỳ nào. Hãy tải mẫu Excel của báo cáo từ cổng và nhập số liệu vào mẫu đó.',
    ]);
  });
});

describe('report upload: messy layouts that still read right', () => {
  it('a “Ghi chú” column inserted between two figure columns moves the figures, with a note', async () => {
    const family = (await currentData()).models.FAMILY;
    const file = await editedWorkbook((wb) => {
      const models = sheet(wb, 'Mô hình học tập');
      models.spliceColumns(4, 0, []); // a blank column D; “Đã đăng ký” moves to E
      models.getCell('D4').value = 'Ghi chú';
      models.getCell('D5').value = 'số liệu ước tính, 2.000 hộ';
      models.getCell('D6').value = 17;
      models.getCell('E5').value = family.total; // Gia đình học tập – đã đăng ký
    });
    const preview = await cleanPreview(file);
    expect(preview.notes).toEqual(['Trang “Mô hình học tập”, ô D4: cột “Ghi chú” không có trong mẫu nên được bỏ qua.']);
    expect(preview.changes).toEqual([
      { label: 'Gia đình học tập – đã đăng ký', where: 'Mô hình học tập – E5', before: vi(family.registered!), after: vi(family.total!) },
    ]);
    expect(preview.canConfirm).toBe(true);
  });

  it('an extra sheet is ignored with a note', async () => {
    const file = await editedWorkbook((wb) => {
      const mine = wb.addWorksheet('Tính toán nháp');
      mine.getCell('A1').value = 'Số hội viên';
      mine.getCell('B1').value = 999;
      sheet(wb, 'Hội viên, chi hội').getCell('B7').value = 4321;
    });
    const preview = await cleanPreview(file);
    expect(preview.notes).toEqual(['Trang “Tính toán nháp”: trang này không có trong mẫu nên được bỏ qua.']);
    expect(preview.changes.map((c) => [c.label, c.where, c.after])).toEqual([['Số chi hội', 'Hội viên, chi hội – B7', '4.321']]);
  });

  it('rows in another order are read by their label, not their position', async () => {
    const clan = (await currentData()).models.CLAN;
    const file = await editedWorkbook((wb) => {
      const models = sheet(wb, 'Mô hình học tập');
      for (let c = 1; c <= 5; c++) {
        const a = models.getCell(5, c);
        const b = models.getCell(6, c);
        [a.value, b.value] = [b.value, a.value];
      }
      models.getCell('D5').value = clan.total; // now the row of “Dòng họ học tập”
    });
    const preview = await cleanPreview(file);
    expect(preview.notes).toEqual([]);
    expect(preview.changes).toEqual([{ label: 'Dòng họ học tập – đã đăng ký', where: 'Mô hình học tập – D5', before: vi(clan.registered!), after: vi(clan.total!) }]);
  });

  it('merged title cells are fine', async () => {
    const file = await editedWorkbook((wb) => {
      sheet(wb, 'Thông tin').mergeCells('A1:D1');
      sheet(wb, 'Mô hình học tập').mergeCells('A1:E1');
      sheet(wb, 'Mô hình học tập').mergeCells('A2:E2');
      sheet(wb, 'Quỹ khuyến học').mergeCells('A1:B2');
      sheet(wb, 'Hội viên, chi hội').getCell('B7').value = 4322;
    });
    const preview = await cleanPreview(file);
    expect(preview.notes).toEqual([]);
    expect(preview.changes.map((c) => [c.where, c.after])).toEqual([['Hội viên, chi hội – B7', '4.322']]);
    expect(preview.canConfirm).toBe(true);
  });

  it('merged cells over figures are refused, naming each cell', async () => {
    const file = await editedWorkbook((wb) => sheet(wb, 'Mô hình học tập').mergeCells('D5:E5'));
    const preview = await previewWithErrors(file);
    const merged = 'ô nằm trong vùng ô gộp (Merge); hãy bỏ gộp để mỗi số liệu nằm trong một ô riêng.';
    expect(preview.errors).toEqual([
      `Trang “Mô hình học tập”, ô D5: Gia đình học tập – đã đăng ký: ${merged}`,
      `Trang “Mô hình học tập”, ô E5: Gia đình học tập – đạt danh hiệu: ${merged}`,
    ]);
  });
});

describe('report upload: formulas', () => {
  it('use the result Excel saved, with a note naming the formula (shared formulas from a fill-down too)', async () => {
    const models = (await currentData()).models;
    const file = await editedWorkbook((wb) => {
      const s = sheet(wb, 'Mô hình học tập');
      s.getCell('D5').value = { formula: 'C5-1', result: models.FAMILY.total! - 1 };
      // Excel's fill-down of “=C6” over D6:D7 stores one shared formula.
      s.fillFormula('D6:D7', 'C6', [models.CLAN.total!, models.COMMUNITY.total!]);
    });
    const preview = await cleanPreview(file);
    const note = (cell: string, label: string, formula: string, value: number) =>
      `Trang “Mô hình học tập”, ô ${cell}: ${label}: ô chứa công thức “${formula}”; đã dùng kết quả Excel tính sẵn: ${vi(value)}.`;
    expect(preview.notes).toEqual([
      note('D5', 'Gia đình học tập – đã đăng ký', '=C5-1', models.FAMILY.total! - 1),
      note('D6', 'Dòng họ học tập – đã đăng ký', '=C6', models.CLAN.total!),
      note('D7', 'Cộng đồng học tập – đã đăng ký', '=C7', models.COMMUNITY.total!),
    ]);
    expect(preview.changes.map((c) => [c.where, c.after])).toEqual([
      ['Mô hình học tập – D5', vi(models.FAMILY.total! - 1)],
      ['Mô hình học tập – D6', vi(models.CLAN.total!)],
      ['Mô hình học tập – D7', vi(models.COMMUNITY.total!)],
    ]);
  });

  it('a formula saved without its result is refused, naming the cell and the formula', async () => {
    const file = await editedWorkbook((wb) => {
      sheet(wb, 'Mô hình học tập').getCell('D5').value = { formula: 'C5*2', date1904: false };
    });
    const preview = await previewWithErrors(file);
    expect(preview.errors).toEqual([
      'Trang “Mô hình học tập”, ô D5: Gia đình học tập – đã đăng ký: ô chứa công thức “=C5*2” nhưng tệp không lưu kết quả đã tính. Hãy mở tệp bằng Excel và lưu lại, hoặc nhập số trực tiếp.',
    ]);
  });
});

describe('report upload: what is in the cells', () => {
  it('refuses text, decimals, negatives, dates, booleans and error values, each by sheet and cell, all at once', async () => {
    const file = await editedWorkbook((wb) => {
      const models = sheet(wb, 'Mô hình học tập');
      models.getCell('C5').value = 12.5;
      models.getCell('C6').value = '1,5';
      models.getCell('D7').value = -5;
      models.getCell('C8').value = '-1.000';
      const fund = sheet(wb, 'Quỹ khuyến học');
      fund.getCell('B5').value = new Date('2026-11-15T00:00:00Z');
      asDate(fund.getCell('B5')); // what Excel does to a cell when a date is typed in it
      const members = sheet(wb, 'Hội viên, chi hội');
      members.getCell('B5').value = 'abc';
      members.getCell('B6').value = '12 người';
      const centres = sheet(wb, 'Trung tâm học tập cộng đồng');
      centres.getCell('B5').value = true;
      centres.getCell('B6').value = { error: '#DIV/0!' };
      centres.getCell('B7').value = { formula: 'B6/0', result: { error: '#DIV/0!' }, date1904: false };
    });
    const preview = await previewWithErrors(file);
    const at = (where: string, path: string, reason: string) => `${where}: ${reportField(path).label}: ${reason}.`;
    expect([...preview.errors].sort()).toEqual(
      [
        at('Trang “Mô hình học tập”, ô C5', 'models.FAMILY.total', 'phải là số nguyên, không có phần thập phân'),
        at('Trang “Mô hình học tập”, ô C6', 'models.CLAN.total', 'phải là số nguyên, không có phần thập phân'),
        at('Trang “Mô hình học tập”, ô D7', 'models.COMMUNITY.registered', 'không được âm'),
        at('Trang “Mô hình học tập”, ô C8', 'models.UNIT.total', 'không được âm'),
        at(
          'Trang “Quỹ khuyến học”, ô B5',
          'fund.opening',
          'ô chứa ngày tháng (15/11/2026), không phải số; có thể ô đang định dạng kiểu Ngày: hãy đổi định dạng ô sang Số và nhập lại',
        ),
        at('Trang “Hội viên, chi hội”, ô B5', 'membership.members', 'chỉ được gồm các chữ số'),
        at('Trang “Hội viên, chi hội”, ô B6', 'membership.newMembers', 'chỉ được gồm các chữ số'),
        at('Trang “Trung tâm học tập cộng đồng”, ô B5', 'centres.centres', 'ô chứa giá trị logic TRUE, không phải số'),
        at('Trang “Trung tâm học tập cộng đồng”, ô B6', 'centres.classes', 'ô chứa giá trị lỗi #DIV/0!'),
        at('Trang “Trung tâm học tập cộng đồng”, ô B7', 'centres.learners', 'công thức “=B6/0” cho kết quả lỗi #DIV/0!'),
      ].sort(),
    );
  });

  it('refuses amounts in cells formatted as dates, even past any date (no crash)', async () => {
    const fund = (await currentData()).fund;
    const file = await editedWorkbook((wb) => {
      const s = sheet(wb, 'Quỹ khuyến học');
      s.getCell('B5').value = 1_234; // a small number shows as a date: 18/05/1903
      for (const cell of ['B5', 'B11', 'B12']) asDate(s.getCell(cell));
    });
    const preview = await previewWithErrors(file);
    const invalid = 'ô đang định dạng kiểu Ngày nhưng giá trị không phải ngày hợp lệ; hãy đổi định dạng ô sang Số và nhập lại.';
    expect(fund.spent! > 10n ** 9n && fund.closing! > 10n ** 9n).toBe(true); // billions of đồng: no date has such a serial
    expect(preview.errors).toEqual([
      `Trang “Quỹ khuyến học”, ô B5: Quỹ – số dư đầu kỳ: ô chứa ngày tháng (18/05/1903), không phải số; có thể ô đang định dạng kiểu Ngày: hãy đổi định dạng ô sang Số và nhập lại.`,
      `Trang “Quỹ khuyến học”, ô B11: Quỹ – đã chi trong kỳ: ${invalid}`,
      `Trang “Quỹ khuyến học”, ô B12: Quỹ – số dư cuối kỳ: ${invalid}`,
    ]);
  });

  it('reads numbers written “1.234.567”, “1 234 567” and with no-break spaces', async () => {
    const before = await currentData();
    const file = await editedWorkbook((wb) => {
      const members = sheet(wb, 'Hội viên, chi hội');
      members.getCell('B5').value = '1.234.567';
      members.getCell('B6').value = ' 12.345 ';
      sheet(wb, 'Trung tâm học tập cộng đồng').getCell('B7').value = '1 234 567';
      sheet(wb, 'Trung tâm học tập cộng đồng').getCell('B6').value = '2\u00a0345';
    });
    const preview = await cleanPreview(file);
    expect(preview.changes).toEqual([
      { label: 'Số hội viên', where: 'Hội viên, chi hội – B5', before: vi(before.membership.members!), after: '1.234.567' },
      { label: 'Hội viên mới kết nạp', where: 'Hội viên, chi hội – B6', before: vi(before.membership.newMembers!), after: '12.345' },
      { label: 'Số lớp học', where: 'Trung tâm học tập cộng đồng – B6', before: vi(before.centres.classes!), after: '2.345' },
      { label: 'Số lượt người học', where: 'Trung tâm học tập cộng đồng – B7', before: vi(before.centres.learners!), after: '1.234.567' },
    ]);
    expect(preview.canConfirm).toBe(true);
  });
});

describe('report upload: files beyond any real report are refused before they are parsed', () => {
  it('a file over the size limit', async () => {
    const big = Buffer.alloc(REPORT_FILE_LIMITS.maxBytes + 1);
    Buffer.from('PK\x03\x04', 'latin1').copy(big);
    const message = await refusedUpload({ name: 'bao-cao.xlsx', bytes: big });
    // The size is checked first: the zero bytes after “PK” were never read as a zip.
    expect(message).toMatch(/^Tệp quá lớn \(.+ MB\); giới hạn là 2 MB\./);
  });

  it('a sheet with more rows than the limit', async () => {
    const file = await editedWorkbook((wb) => {
      const extra = wb.addWorksheet('Danh sách hội viên');
      for (let r = 1; r <= REPORT_FILE_LIMITS.maxRows + 1; r++) extra.getCell(r, 1).value = `Hội viên ${r}`;
    });
    expect(await refusedUpload(file)).toBe('Một trang tính có 1.001 dòng, vượt giới hạn 1.000 dòng. Tệp không được xử lý.');
  });

  it('one stray cell at the last row of a sheet (which the reader would walk up to)', async () => {
    const file = await editedWorkbook((wb) => {
      sheet(wb, 'Mô hình học tập').getCell('A1048576').value = 'x';
    });
    expect(await refusedUpload(file)).toBe(
      'Một trang tính có nội dung hoặc định dạng ở dòng 1.048.576, vượt giới hạn 1.000 dòng. Hãy xoá các dòng thừa ở cuối trang tính rồi tải lên lại. Tệp không được xử lý.',
    );
  });

  it('a sheet stored under a name ExcelJS still loads (“/xl/worksheets/…”) is counted too', async () => {
    // Within the limit, the handmade workbook opens and is read (so the refusal below is the limit's).
    const small = await previewWithErrors({ name: 'bao-cao.xlsx', bytes: handmadeXlsx(numberedRows(3), '/xl/worksheets/sheet1.xml') });
    expect(small.errors).toContain('Trang “Quỹ khuyến học”: thiếu trang này trong tệp. Hãy dùng mẫu Excel tải từ cổng (đủ các trang) và không xoá hay đổi tên trang.');
    const message = await refusedUpload({ name: 'bao-cao.xlsx', bytes: handmadeXlsx(numberedRows(1_001), '/xl/worksheets/sheet1.xml') });
    expect(message).toBe('Một trang tính có 1.001 dòng, vượt giới hạn 1.000 dòng. Tệp không được xử lý.');
  });

  describe('a zip bomb: 60 MB of zeros deflated to a few dozen kB', () => {
    const zeros = Buffer.alloc(60 * 1024 * 1024);
    const bomb = { name: 'xl/worksheets/sheet1.xml', packed: deflateRawSync(zeros, { level: 9 }), size: zeros.length, crc: crc32(zeros) };
    const workbookXml = entry('xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="${SPREADSHEET_NS}"><sheets/></workbook>`);
    const bombMessage = 'Tệp giải nén ra quá lớn (hơn 20 MB), vượt xa một bảng tính báo cáo thực tế; tệp có thể bị lỗi hoặc là “bom nén”. Tệp không được xử lý.';

    it('with honest headers', async () => {
      const bytes = zip([workbookXml, bomb]);
      expect(bytes.length).toBeLessThan(200 * 1024);
      expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes })).toBe(bombMessage);
    });

    it('whose headers claim 100 bytes: the real inflated size is what counts', async () => {
      const bytes = zip([workbookXml, { ...bomb, claimedSize: 100 }]);
      expect(bytes.readUInt32LE(bytes.length - 22 - 46 - bomb.name.length + 24)).toBe(100); // the central directory's claim
      expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes })).toBe(bombMessage);
    });
  });

  it('a truncated or corrupted workbook', async () => {
    const { bytes } = await reportWorkbookDownload(ctx.db, await staff(), HY_OPEN, DURING);
    const truncated = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes: Buffer.from(truncated) })).toContain(CORRUPT);
    // Whole, but with a run of its compressed bytes overwritten (a bad disk, a broken download).
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 2_000, 2_400);
    expect(await refusedUpload({ name: 'bao-cao.xlsx', bytes: damaged })).toContain(CORRUPT);
  });
});

// ---------------------------------------------------------------------------------------------
// Bulk history

const label = (path: string) => reportField(path).label;
const FAMILY = ['models.FAMILY.total', 'models.FAMILY.registered', 'models.FAMILY.recognised'].map(label);

async function historyXlsx(rows: Array<Array<string | number | null>>): Promise<{ name: string; bytes: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('Số liệu');
  rows.forEach((row, i) => (s.getRow(i + 1).values = row));
  return { name: 'lich-su.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

async function refusedImport(file: { name: string; bytes: Buffer }): Promise<string[]> {
  const before = await snapshot();
  const e = await rejection(importHistory(ctx.db, await admin(), file, { now: DURING }));
  expect(e).toBeInstanceOf(HistoryImportError);
  expect((e as HistoryImportError).message).toBe(`Tệp có ${(e as HistoryImportError).issues.length} lỗi; chưa nhập báo cáo nào.`);
  expect(await snapshot()).toEqual(before);
  return (e as HistoryImportError).issues;
}

/** Old provinces (before 1 July 2025) that no demo report covers: history creates theirs. */
async function importedReport(provinceCode: string, periodCode: string) {
  const report = await ctx.db.report.findFirst({
    where: { province: { code: provinceCode, validTo: { not: null } }, period: { code: periodCode } },
    select: { status: true, ...REPORT_FIGURES_SELECT },
  });
  return report && { status: report.status, data: rowsToReportData(report) };
}

describe('history import: messy and hostile files', () => {
  it('a CSV saved by Excel with “;” and a byte order mark, commas inside values unquoted', async () => {
    const csv =
      '\uFEFF' +
      [
        ['Mã tỉnh', 'Tỉnh, thành phố', 'Mã kỳ báo cáo', ...FAMILY, label('membership.members'), label('narrative.results')].join(';'),
        ['24', 'Bắc Giang', '2021S1', '540.000', '481 000', '410000', '1.234.567', 'Hoàn thành, vượt các chỉ tiêu'].join(';'),
      ].join('\r\n') +
      '\r\n';
    expect(await importedReport('24', '2021S1')).toBeNull();
    const summary = await importHistory(ctx.db, await admin(), { name: 'lich-su.csv', bytes: Buffer.from(csv, 'utf8') }, { now: DURING });
    expect([summary.created, summary.updated, summary.unchanged]).toEqual([1, 0, 0]);
    const saved = await importedReport('24', '2021S1');
    expect(saved?.status).toBe('APPROVED');
    expect(saved?.data.models.FAMILY).toEqual({ total: 540_000, registered: 481_000, recognised: 410_000 });
    expect(saved?.data.membership.members).toBe(1_234_567);
    expect(saved?.data.narrative.results).toBe('Hoàn thành, vượt các chỉ tiêu');
  });

  it('a comma CSV whose row has an unquoted comma inside a value: refused, not shifted or cut', async () => {
    const csv = ['Mã tỉnh,Mã kỳ báo cáo,Số hội viên,Kết quả đạt được', '24,2021S2,513000,Hoàn thành, vượt chỉ tiêu'].join('\r\n');
    const issues = await refusedImport({ name: 'lich-su.csv', bytes: Buffer.from(csv, 'utf8') });
    expect(issues).toEqual([
      'Dòng 2 có 5 cột, nhiều hơn dòng tiêu đề (4 cột): có thể một ô chứa dấu “,” mà không được đặt trong ngoặc kép. Hãy lưu lại tệp bằng Excel hoặc dùng mẫu .xlsx.',
    ]);
  });

  it('a CSV with text in a number column, refused by cell, nothing written', async () => {
    const csv = ['Mã tỉnh,Mã kỳ báo cáo,Số hội viên', '24,2021S2,513000', '17,2021S2,12 người'].join('\r\n');
    expect(await refusedImport({ name: 'lich-su.csv', bytes: Buffer.from(csv, 'utf8') })).toEqual(['Ô C3: Số hội viên: chỉ được gồm các chữ số.']);
  });

  it('a workbook with the same province and period twice', async () => {
    const file = await historyXlsx([
      ['Mã tỉnh', 'Mã kỳ báo cáo', 'Số hội viên'],
      [24, '2021S2', 513_000],
      [17, '2021S2', 218_000],
      [24, '2021s2', 514_000],
    ]);
    expect(await refusedImport(file)).toEqual(['Trang “Số liệu”, ô A4: tỉnh 24, kỳ 2021S2 đã có ở dòng 2; mỗi báo cáo chỉ được có một dòng.']);
  });

  it('an unknown province code, a period the portal does not have, a malformed period', async () => {
    const file = await historyXlsx([
      ['Mã tỉnh', 'Mã kỳ báo cáo', 'Số hội viên'],
      [24, '2021S2', 513_000],
      [99, '2021S2', 1_000],
      [17, '2019S1', 200_000],
      [17, '2021S3', 200_000],
    ]);
    expect(await refusedImport(file)).toEqual([
      'Trang “Số liệu”, ô B5: mã kỳ “2021S3” không hợp lệ (ví dụ 2022S1 cho 6 tháng đầu năm 2022, 2022S2 cho 6 tháng cuối năm).',
    ]);
    // Once the malformed code is fixed, the rows that name nothing the portal knows are refused.
    const fixed = await historyXlsx([
      ['Mã tỉnh', 'Mã kỳ báo cáo', 'Số hội viên'],
      [24, '2021S2', 513_000],
      [99, '2021S2', 1_000],
      [17, '2019S1', 200_000],
    ]);
    expect(await refusedImport(fixed)).toEqual([
      'Trang “Số liệu”, ô A3: không có tỉnh mã 99 trong 6 tháng cuối năm 2021.',
      'Trang “Số liệu”, ô A4: cổng chưa có kỳ báo cáo 2019S1.',
    ]);
  });

  it('one row breaking a blocking rule among many valid ones: nothing is imported', async () => {
    const heading = ['Mã tỉnh', 'Tỉnh, thành phố', 'Mã kỳ báo cáo', ...FAMILY, label('membership.members')];
    const valid = (['24', '17', '25'] as const).flatMap((code, i) =>
      ['2022S1', '2022S2', '2023S1'].map((period, j) => [code, `Tỉnh ${code}`, period, 300_000 + i * 1_000 + j, 250_000 + j, 200_000, 400_000 + j]),
    );
    const broken = ['17', 'Hòa Bình', '2023S2', 240_000, 250_000, 200_000, 218_000]; // registered above the total
    const rows = [heading, ...valid.slice(0, 5), broken, ...valid.slice(5)];
    const issues = await refusedImport(await historyXlsx(rows));
    expect(issues).toEqual(['Trang “Số liệu”, ô E7: Hòa Bình – 6 tháng cuối năm 2023: Gia đình học tập: số đã đăng ký (250.000) lớn hơn tổng số (240.000).']);
    // The other rows were importable: without the broken one, the same file would create them all.
    const dry = await importHistory(ctx.db, await admin(), await historyXlsx([heading, ...valid]), { now: DURING, dryRun: true });
    expect([dry.created, dry.updated, dry.unchanged]).toEqual([valid.length, 0, 0]);
    expect(await importedReport('17', '2022S1')).toBeNull();
  });

  it('a file over the size limit, a CSV with too many lines, a sheet reaching the last row', async () => {
    const before = await snapshot();
    const big = Buffer.alloc(HISTORY_FILE_LIMITS.maxBytes + 1, 'a');
    const tooLarge = await refusal(importHistory(ctx.db, await admin(), { name: 'lich-su.csv', bytes: big }, { now: DURING }));
    expect(tooLarge.message).toMatch(/^Tệp quá lớn \(.+ MB\); giới hạn là 8 MB\./);

    const lines = ['Mã tỉnh,Mã kỳ báo cáo,Số hội viên', ...Array.from({ length: HISTORY_FILE_LIMITS.maxRows + 1 }, () => '24,2022S1,1')];
    const long = await refusedImport({ name: 'lich-su.csv', bytes: Buffer.from(lines.join('\n') + '\n', 'utf8') });
    expect(long).toEqual(['Tệp có 20.002 dòng, vượt giới hạn 20.000 dòng.']);

    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Số liệu');
    s.getRow(1).values = ['Mã tỉnh', 'Mã kỳ báo cáo', 'Số hội viên'];
    s.getRow(2).values = [24, '2022S1', 400_000];
    s.getCell('A1048576').value = 'hết';
    const far = await refusal(importHistory(ctx.db, await admin(), { name: 'lich-su.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) }, { now: DURING }));
    expect(far.message).toContain('ở dòng 1.048.576, vượt giới hạn 20.000 dòng');
    expect(await snapshot()).toEqual(before);
  });
});
