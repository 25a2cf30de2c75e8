import { canViewCluster } from '@/lib/permissions';
import { DASHBOARD_TABLES, DASHBOARD_TABLE_LABELS, TARGETS_LABEL, targetsTable } from '@/lib/dashboards/tables';
import { findClusterByCode } from '@/lib/reference/clusters';
import { defineDownload, exportedOnNote, tableDownload } from '@/lib/http/download';
import { loadClusterDashboard } from '../../../../../../lib/dashboards/cluster-dashboard';

/**
 * A dashboard table as CSV or XLSX: /cum/CUM3/xuat/mo-hinh.xlsx?ky=2022S1,
 * with the same choices (period or year, approved only, merger view) as the page.
 */
export const GET = defineDownload({
  name: 'download.cluster-table',
  params: ['code'],
  files: { names: ['mo-hinh', 'quy', 'khen-thuong', 'muc-tieu'], formats: ['csv', 'xlsx'] },
  authorize: {
    // Refused the same way whether or not the cluster exists.
    check: async (user, { db, params }) => {
      const cluster = await findClusterByCode(db, params.code);
      return cluster !== null && canViewCluster(user, cluster.id);
    },
    refused: 'Bạn không có quyền tải dữ liệu của cụm này.',
  },
  run: async ({ user, params, file, query }) => {
    const d = await loadClusterDashboard(user, params.code, query);
    const label = file.name === 'muc-tieu' ? TARGETS_LABEL : DASHBOARD_TABLE_LABELS[file.name];
    const title = `${d.cluster.name} – ${label} – ${d.label}`;
    const notes = [exportedOnNote(), ...d.rules];
    const exported =
      file.name === 'muc-tieu'
        ? targetsTable(title, d.summary?.targets ?? d.span?.targets ?? [], notes)
        : DASHBOARD_TABLES[file.name](title, d.rows, d.totals, notes);
    return tableDownload(exported, `${d.cluster.code} ${label} ${d.q.year ?? d.q.periodCode}`, file.format);
  },
});
