import { HISTORY_LABEL, historyTable } from '@/lib/dashboards/tables';
import { exportedOnNote, exportResponse, plainResponse } from '@/lib/http/export-response';
import { getCurrentUser } from '@/lib/http/session';
import { loadProvinceHistory } from '../../load-history';

/** A province's history table as CSV or XLSX: /lich-su/26/xuat/lich-su.csv, for whoever may open /lich-su/26. */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string; file: string }> }) {
  const { code, file } = await params;
  const match = /^lich-su\.(csv|xlsx)$/.exec(file);
  if (!match) return plainResponse(404, 'Không có bảng này.');
  const format = match[1] as 'csv' | 'xlsx';

  const user = await getCurrentUser();
  if (!user) return plainResponse(401, 'Vui lòng đăng nhập.');
  const loaded = await loadProvinceHistory(user, code);
  if (loaded.outcome === 'forbidden') return plainResponse(403, 'Bạn không có quyền tải số liệu của tỉnh này.');
  if (loaded.outcome === 'not-found') return plainResponse(404, 'Không có tỉnh này.');

  const { history, periods, predecessorsNote } = loaded;
  const notes = [exportedOnNote(), ...(predecessorsNote ? [predecessorsNote] : []), ...history.rules];
  // Newest period first, as on the page.
  const table = historyTable(`${history.province.name} – ${HISTORY_LABEL}`, [...periods].reverse(), notes);
  return exportResponse(table, `${history.province.code} ${HISTORY_LABEL}`, format);
}
