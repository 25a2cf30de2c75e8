import 'server-only';
import { exportFileName, toCsv, type ExportTable } from '../dashboards/export-table';
import { toXlsx } from '../excel/xlsx';
import { VIETNAM_TIME_ZONE } from '../reference/validity';

/** A downloadable CSV or XLSX of a table, named from `fileTitle` without diacritics. */
export async function exportResponse(table: ExportTable, fileTitle: string, format: 'csv' | 'xlsx'): Promise<Response> {
  const headers = {
    'content-disposition': `attachment; filename="${exportFileName(fileTitle, format)}"`,
    'cache-control': 'no-store',
  };
  if (format === 'csv') return new Response(toCsv(table), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  return new Response(new Uint8Array(await toXlsx(table)), {
    headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
}

export const plainResponse = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** "Xuất từ Cổng báo cáo Khuyến học ngày 25/11/2026." */
export function exportedOnNote(now = new Date()): string {
  return `Xuất từ Cổng báo cáo Khuyến học ngày ${now.toLocaleDateString('vi-VN', { timeZone: VIETNAM_TIME_ZONE })}.`;
}
