import { toCsv } from '@/lib/dashboards/export-table';
import { historyHeadings, historyTemplateXlsx } from '@/lib/excel/history-import';
import { plainResponse } from '@/lib/http/export-response';
import { getCurrentUser } from '@/lib/http/session';
import { canImportHistory } from '@/lib/permissions';

/** The empty history template: /nhap-lich-su/mau/mau-nhap-lich-su.xlsx (or .csv). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^mau-nhap-lich-su\.(xlsx|csv)$/.exec(file);
  if (!match) return plainResponse(404, 'Không có tệp này.');
  const user = await getCurrentUser();
  if (!user) return plainResponse(401, 'Vui lòng đăng nhập.');
  if (!canImportHistory(user)) return plainResponse(403, 'Chỉ quản trị viên và Trung ương Hội được nhập số liệu lịch sử.');
  const headers = { 'content-disposition': `attachment; filename="${file}"`, 'cache-control': 'no-store' };
  if (match[1] === 'csv') {
    const columns = historyHeadings().map((header, i) => ({ key: String(i), header, kind: 'text' as const }));
    return new Response(toCsv({ title: 'Mẫu nhập lịch sử', columns, rows: [] }), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  }
  return new Response(new Uint8Array(await historyTemplateXlsx()), {
    headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
}
