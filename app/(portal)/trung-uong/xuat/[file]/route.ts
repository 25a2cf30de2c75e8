import { clustersTable, targetsTable } from '@/lib/dashboards/tables';
import { parseDashboardQuery } from '@/lib/dashboards/query';
import { periodLabel } from '@/lib/reference/periods';
import { notFound, UserFacingError } from '@/lib/errors';
import { defineDownload, exportedOnNote, tableDownload } from '@/lib/http/download';
import { canReadNational } from '@/lib/permissions';
import { getNationalSummary } from '@/lib/dashboards/national-summary';

/** The national tables as CSV or XLSX: /trung-uong/xuat/cac-cum.csv?ky=2022S1 (central association and administrators). */
export const GET = defineDownload({
  name: 'download.national-table',
  files: { names: ['cac-cum', 'muc-tieu'], formats: ['csv', 'xlsx'] },
  authorize: { check: canReadNational, refused: 'Chỉ Trung ương Hội và quản trị viên được tải số liệu toàn quốc.' },
  run: async ({ db, file, query }) => {
    const q = parseDashboardQuery(query);
    if (!q.periodCode) throw new UserFacingError('Vui lòng chọn kỳ báo cáo (?ky=2022S1).', {}, 'INVALID_INPUT');
    const n = await getNationalSummary(db, { periodCode: q.periodCode, approvedOnly: q.approvedOnly });
    if (!n) throw notFound('Không có kỳ báo cáo này.');

    const label = file.name === 'cac-cum' ? 'Các cụm' : 'Tiến độ so với mục tiêu quốc gia';
    const title = `Toàn quốc – ${label} – ${periodLabel(q.periodCode)}`;
    const notes = [exportedOnNote(), ...n.rules];
    const exported = file.name === 'cac-cum' ? clustersTable(title, n.clusters, notes) : targetsTable(title, n.targets, notes);
    return tableDownload(exported, `toan quoc ${label} ${q.periodCode}`, file.format);
  },
});
