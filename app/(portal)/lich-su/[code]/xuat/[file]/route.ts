import { HISTORY_LABEL, historyTable } from '@/lib/dashboards/tables';
import { forbidden, notFound } from '@/lib/errors';
import { defineDownload, exportedOnNote, tableDownload } from '@/lib/http/download';
import { loadProvinceHistory } from '../../../../../../lib/dashboards/history-page';

/** A province's history table as CSV or XLSX: /lich-su/26/xuat/lich-su.csv, for whoever may open /lich-su/26. */
export const GET = defineDownload({
  name: 'download.province-history',
  params: ['code'],
  files: { names: ['lich-su'], formats: ['csv', 'xlsx'] },
  // The loader checks the scope (canViewProvince), refusing the same way whether or not the province exists.
  run: async ({ user, params, file }) => {
    const loaded = await loadProvinceHistory(user, params.code);
    if (loaded.outcome === 'forbidden') throw forbidden('Bạn không có quyền tải số liệu của tỉnh này.');
    if (loaded.outcome === 'not-found') throw notFound('Không có tỉnh này.');

    const { history, periods, predecessorsNote } = loaded;
    const notes = [exportedOnNote(), ...(predecessorsNote ? [predecessorsNote] : []), ...history.rules];
    // Newest period first, as on the page.
    const table = historyTable(`${history.province.name} – ${HISTORY_LABEL}`, [...periods].reverse(), notes);
    return tableDownload(table, `${history.province.code} ${HISTORY_LABEL}`, file.format);
  },
});
