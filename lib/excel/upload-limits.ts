// Limits on uploaded spreadsheets, shared by the server (which enforces them before reading a
// file) and the upload forms (which refuse a file too large before sending it).

export type FileLimits = {
  /** Bytes of the uploaded file. */
  maxBytes: number;
  /** Bytes of all zip entries of an .xlsx file once inflated. */
  maxInflatedBytes: number;
  maxEntries: number;
  /** Rows of any one sheet (or lines of a CSV file). */
  maxRows: number;
};

/** One province's report: a few dozen figures; a real workbook is under 50 kB. */
export const REPORT_FILE_LIMITS: FileLimits = { maxBytes: 2 * 1024 * 1024, maxInflatedBytes: 20 * 1024 * 1024, maxEntries: 200, maxRows: 1_000 };

/** Years of history for every province: 63 provinces × 26 periods is under 2,000 rows. */
export const HISTORY_FILE_LIMITS: FileLimits = { maxBytes: 8 * 1024 * 1024, maxInflatedBytes: 100 * 1024 * 1024, maxEntries: 500, maxRows: 20_000 };

/** "2 MB", for messages. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toLocaleString('vi-VN', { maximumFractionDigits: 1 }) : Math.round(mb).toLocaleString('vi-VN')} MB`;
}

/** The refusal of a file over the size limit, the same in the browser and on the server. */
export function tooLargeMessage(size: number, limits: FileLimits): string {
  const limit = formatMegabytes(limits.maxBytes);
  // Just over the limit, both round to the same figure: say “hơn 2 MB”, not “2 MB; limit 2 MB”.
  const shown = formatMegabytes(size) === limit ? `hơn ${limit}` : formatMegabytes(size);
  return `Tệp quá lớn (${shown}); giới hạn là ${limit}. Một tệp báo cáo thực tế chỉ vài chục kB: hãy kiểm tra lại tệp.`;
}
