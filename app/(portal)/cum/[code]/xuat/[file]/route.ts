import { canViewCluster } from '@/lib/authz';
import { DASHBOARD_TABLES, DASHBOARD_TABLE_LABELS, type DashboardTableKey } from '@/lib/dashboard-tables';
import { exportFileName, toCsv } from '@/lib/export-table';
import { findClusterByCode } from '@/lib/server/clusters';
import { getDb } from '@/lib/server/db';
import { getCurrentUser } from '@/lib/server/session';
import { toXlsx } from '@/lib/server/xlsx';
import { loadClusterDashboard } from '../../load-cluster';

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * A dashboard table as CSV or XLSX: /cum/CUM3/xuat/mo-hinh.xlsx?ky=2022S1,
 * with the same choices (period or year, approved only, merger view) as the page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ code: string; file: string }> }) {
  const { code, file } = await params;
  const match = /^(mo-hinh|quy|khen-thuong)\.(csv|xlsx)$/.exec(file);
  if (!match) return plain(404, 'Không có bảng này.');
  const [, table, format] = match as unknown as [string, DashboardTableKey, 'csv' | 'xlsx'];

  const user = await getCurrentUser();
  if (!user) return plain(401, 'Vui lòng đăng nhập.');
  const cluster = await findClusterByCode(getDb(), code);
  if (!cluster || !canViewCluster(user, cluster.id)) return plain(403, 'Bạn không có quyền tải dữ liệu của cụm này.');

  const query = Object.fromEntries(new URL(request.url).searchParams);
  const d = await loadClusterDashboard(user, code, query);
  const title = `${d.cluster.name} – ${DASHBOARD_TABLE_LABELS[table]} – ${d.label}`;
  const notes = [`Xuất từ Cổng báo cáo Khuyến học ngày ${new Date().toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`, ...d.rules];
  const exported = DASHBOARD_TABLES[table](title, d.rows, d.totals, notes);

  const name = exportFileName(`${d.cluster.code} ${DASHBOARD_TABLE_LABELS[table]} ${d.q.year ?? d.q.periodCode}`, format);
  const headers = {
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  };
  if (format === 'csv') return new Response(toCsv(exported), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
  const body = await toXlsx(exported);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
}
