import { canViewCluster } from '@/lib/permissions';
import { DASHBOARD_TABLES, DASHBOARD_TABLE_LABELS, TARGETS_LABEL, targetsTable, type DashboardTableKey } from '@/lib/dashboards/tables';
import { findClusterByCode } from '@/lib/reference/clusters';
import { getDb } from '@/lib/platform/db';
import { getCurrentUser } from '@/lib/http/session';
import { exportedOnNote, exportResponse, plainResponse } from '@/lib/http/export-response';
import { loadClusterDashboard } from '../../load-cluster';


/**
 * A dashboard table as CSV or XLSX: /cum/CUM3/xuat/mo-hinh.xlsx?ky=2022S1,
 * with the same choices (period or year, approved only, merger view) as the page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ code: string; file: string }> }) {
  const { code, file } = await params;
  const match = /^(mo-hinh|quy|khen-thuong|muc-tieu)\.(csv|xlsx)$/.exec(file);
  if (!match) return plainResponse(404, 'Không có bảng này.');
  const [, table, format] = match as unknown as [string, DashboardTableKey | 'muc-tieu', 'csv' | 'xlsx'];

  const user = await getCurrentUser();
  if (!user) return plainResponse(401, 'Vui lòng đăng nhập.');
  const cluster = await findClusterByCode(getDb(), code);
  if (!cluster || !canViewCluster(user, cluster.id)) return plainResponse(403, 'Bạn không có quyền tải dữ liệu của cụm này.');

  const query = Object.fromEntries(new URL(request.url).searchParams);
  const d = await loadClusterDashboard(user, code, query);
  const label = table === 'muc-tieu' ? TARGETS_LABEL : DASHBOARD_TABLE_LABELS[table];
  const title = `${d.cluster.name} – ${label} – ${d.label}`;
  const notes = [exportedOnNote(), ...d.rules];
  const exported =
    table === 'muc-tieu'
      ? targetsTable(title, d.summary?.targets ?? d.span?.targets ?? [], notes)
      : DASHBOARD_TABLES[table](title, d.rows, d.totals, notes);

  return exportResponse(exported, `${d.cluster.code} ${label} ${d.q.year ?? d.q.periodCode}`, format);
}
