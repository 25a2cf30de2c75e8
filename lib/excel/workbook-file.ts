import 'server-only';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { UserFacingError } from '../errors';
import { formatInteger } from '../format';
import { formatMegabytes as megabytes, tooLargeMessage, type FileLimits } from './upload-limits';

// Opening an uploaded spreadsheet safely. An .xlsx file is a zip of XML files; a hostile or
// broken one can be small on the wire and huge once inflated (a zip bomb), or hold a sheet of a
// million rows. So before ExcelJS parses anything, the zip is inflated here entry by entry
// with zlib's maxOutputLength (the real sizes, not the sizes the zip claims), and the rows of
// each sheet are counted in its raw XML. Only a file within every limit reaches ExcelJS.

export { HISTORY_FILE_LIMITS, REPORT_FILE_LIMITS, type FileLimits } from './upload-limits';

export type FileKind = 'empty' | 'zip' | 'ole' | 'pdf' | 'text' | 'binary';

const refuse = (message: string) => new UserFacingError(message, { file: [message] }, 'INVALID_INPUT');

/** The size check that runs before anything is read. */
export function refuseIfTooLarge(size: number, limits: FileLimits): void {
  if (size > limits.maxBytes) throw refuse(tooLargeMessage(size, limits));
}

/** What a file is, from its first bytes (never from its name, which a rename can change). */
export function detectFileKind(buffer: Uint8Array): FileKind {
  if (buffer.length === 0) return 'empty';
  const starts = (...bytes: number[]) => bytes.every((b, i) => buffer[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  const head = buffer.subarray(0, 4096);
  if (head.includes(0)) return 'binary';
  try {
    // stream: a character cut at the 4,096th byte is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: buffer.length > head.length });
    return 'text';
  } catch {
    return 'binary';
  }
}

/** Why a file that is not an .xlsx workbook is refused, in words its sender can act on. */
export function notAWorkbook(kind: FileKind, acceptsCsv = false): UserFacingError {
  const expected = acceptsCsv ? 'một tệp Excel (.xlsx) hoặc CSV' : 'một tệp Excel (.xlsx)';
  switch (kind) {
    case 'empty':
      return refuse('Tệp rỗng (0 byte).');
    case 'ole':
      return refuse(
        'Đây là tệp Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu. Hãy mở tệp bằng Excel, bỏ mật khẩu nếu có, rồi chọn “Lưu thành” → “Sổ làm việc Excel (.xlsx)” và tải lên lại.',
      );
    case 'pdf':
      return refuse(`Đây là tệp PDF, không phải bảng tính. Hãy tải lên ${expected}.`);
    case 'zip':
      return refuse(`Tệp là tệp nén nhưng không phải sổ làm việc Excel (có thể là tệp Word hoặc tệp .zip đã đổi tên). Hãy tải lên ${expected}.`);
    default:
      return refuse(`Tệp không phải là bảng tính (có thể đã bị đổi đuôi). Hãy tải lên ${expected}.`);
  }
}

type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

const CORRUPT = 'Tệp .xlsx bị hỏng hoặc không trọn vẹn (cấu trúc nén không đọc được). Hãy mở tệp bằng Excel, lưu lại và tải lên lần nữa.';

function centralDirectory(buf: Buffer, limits: FileLimits): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse(CORRUPT);
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  // ZIP64 (over 65,535 entries or 4 GB) is never a real report workbook.
  if (count === 0xffff || offset === 0xffffffff) throw refuse('Tệp quá lớn hoặc có cấu trúc không được hỗ trợ (ZIP64).');
  if (count > limits.maxEntries) throw refuse(`Tệp có ${formatInteger(count)} thành phần nén, nhiều hơn mức một bảng tính thông thường (${formatInteger(limits.maxEntries)}).`);
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw refuse(CORRUPT);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The rows of a sheet's XML: how many row elements it has, and the number of the last one. A
 * single cell typed at row 1,048,576 is one element, but the reader walks every row up to it.
 */
function countRows(xml: Buffer): { elements: number; last: number } {
  let elements = 0;
  let last = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) {
    const next = xml[i + 4];
    if (next !== 0x20 && next !== 0x3e && next !== 0x2f) continue; // "<row " "<row>" "<row/"
    elements++;
    const end = xml.indexOf('>', i);
    const number = /\sr\s*=\s*["'](\d+)["']/.exec(xml.toString('latin1', i, end < 0 ? xml.length : end));
    if (number) last = Math.max(last, Number(number[1]));
  }
  return { elements, last };
}

// ExcelJS loads as a sheet any entry whose name contains “xl/worksheets/sheetN.xml” (a leading
// “/” or a suffix included), so every such entry is counted, not only the canonical paths.
const WORKSHEET_ENTRY = /xl\/worksheets\/[^/]+\.xml/;

/**
 * Checks an .xlsx file before parsing: a zip whose entries inflate within the limits, that
 * holds a workbook, and whose sheets have at most maxRows rows. Throws a Vietnamese refusal.
 */
export function inspectXlsx(buf: Buffer, limits: FileLimits): void {
  const entries = centralDirectory(buf, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) throw notAWorkbook('zip');
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  const tooBig = () =>
    refuse(`Tệp giải nén ra quá lớn (hơn ${megabytes(limits.maxInflatedBytes)}), vượt xa một bảng tính báo cáo thực tế; tệp có thể bị lỗi hoặc là “bom nén”. Tệp không được xử lý.`);
  if (declared > limits.maxInflatedBytes) throw tooBig();
  let budget = limits.maxInflatedBytes;
  for (const e of entries) {
    if (e.flags & 0x1) throw notAWorkbook('ole');
    const local = e.localOffset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw refuse(CORRUPT);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    if (data.length !== e.compressedSize) throw refuse(CORRUPT);
    let inflated: Buffer;
    if (e.method === 0) inflated = data;
    else if (e.method === 8) {
      try {
        // The real size, whatever the header claims: inflation stops one byte past the budget.
        inflated = inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw refuse(CORRUPT);
      }
    } else throw refuse('Tệp dùng kiểu nén không được hỗ trợ. Hãy mở tệp bằng Excel, lưu lại và tải lên lần nữa.');
    if (inflated.length > budget) throw tooBig();
    budget -= inflated.length;
    if (WORKSHEET_ENTRY.test(e.name)) {
      const rows = countRows(inflated);
      if (rows.elements > limits.maxRows) {
        throw refuse(`Một trang tính có ${formatInteger(rows.elements)} dòng, vượt giới hạn ${formatInteger(limits.maxRows)} dòng. Tệp không được xử lý.`);
      }
      if (rows.last > limits.maxRows) {
        throw refuse(
          `Một trang tính có nội dung hoặc định dạng ở dòng ${formatInteger(rows.last)}, vượt giới hạn ${formatInteger(limits.maxRows)} dòng. Hãy xoá các dòng thừa ở cuối trang tính rồi tải lên lại. Tệp không được xử lý.`,
        );
      }
    }
  }
}

/**
 * Opens an uploaded .xlsx file after every check above. Refuses (UserFacingError) anything
 * that is not a workbook within the limits, with the reason.
 */
export async function openWorkbook(buf: Buffer, limits: FileLimits): Promise<ExcelJS.Workbook> {
  refuseIfTooLarge(buf.length, limits);
  const kind = detectFileKind(buf);
  if (kind !== 'zip') throw notAWorkbook(kind);
  inspectXlsx(buf, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw refuse(CORRUPT);
  }
  if (workbook.worksheets.length === 0) throw refuse('Sổ làm việc không có trang tính nào.');
  return workbook;
}

/** An uploaded File's name and bytes, refusing one over the size limit before reading it. */
export async function readUpload(file: File, limits: FileLimits): Promise<{ name: string; bytes: Buffer }> {
  refuseIfTooLarge(file.size, limits);
  return { name: file.name || 'tệp tải lên', bytes: Buffer.from(await file.arrayBuffer()) };
}
