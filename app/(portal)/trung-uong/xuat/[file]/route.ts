import { clustersTable, targetsTable } from '@/lib/dashboards/tables';
import { parseDashboardQuery } from '@/lib/dashboards/query';
import { periodLabel } from '@/lib/reference/periods';
import { getDb } from '@/lib/platform/db';
import { exportedOnNote, exportResponse, plainResponse } from '@/lib/http/export-response';
import { getCurrentUser } from '@/lib/http/session';
import { canReadNational } from '@/lib/permissions';
import { getNationalSummary } from '@/lib/dashboards/summary';

/** The national tables as CSV or XLSX: /trung-uong/xuat/cac-cum.csv?ky=2022S1 (central association and administrators). */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^(cac-cum|muc-tieu)\.(csv|xlsx)$/.exec(file);
  if (!match) return plainResponse(404, 'Không có bảng này.');
  const [, table, format] = match as unknown as [string, 'cac-cum' | 'muc-tieu', 'csv' | 'xlsx'];

  const user = await getCurrentUser();
  if (!user) return plainResponse(401, 'Vui lòng đăng nhập.');
  if (!canReadNational(user)) return plainResponse(403, 'Chỉ Trung ương Hội và quản trị viên được tải số liệu toàn quốc.');

  const q = parseDashboardQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.periodCode) return plainResponse(400, 'Vui lòng chọn kỳ báo cáo (?ky=2022S1).');
  const n = await getNationalSummary(getDb(), { periodCode: q.periodCode, approvedOnly: q.approvedOnly });
  if (!n) return plainResponse(404, 'Không có kỳ báo cáo này.');

  const label = table === 'cac-cum' ? 'Các cụm' : 'Tiến độ so với mục tiêu quốc gia';
  const title = `Toàn quốc – ${label} – ${periodLabel(q.periodCode)}`;
  const notes = [exportedOnNote(), ...n.rules];
  const exported = table === 'cac-cum' ? clustersTable(title, n.clusters, notes) : targetsTable(title, n.targets, notes);
  return exportResponse(exported, `toan quoc ${label} ${q.periodCode}`, format);
}
