'use server';

import { formatInteger } from '@/lib/format';
import { canImportHistory } from '@/lib/permissions';
import { HistoryImportSchema } from '@/lib/reports/action-schemas';
import { defineFormAction } from '@/lib/http/action';
import { importHistory, type HistoryImportSummary } from '@/lib/excel/history-import';
import { HISTORY_FILE_LIMITS, readUpload } from '@/lib/excel/workbook-file';

// The role check is the coarse gate; importHistory checks the role again.
const importer = canImportHistory;

export const importHistoryAction = defineFormAction<typeof HistoryImportSchema, HistoryImportSummary>({
  name: 'history.import',
  schema: HistoryImportSchema,
  authorize: importer,
  run: async ({ db, user, input }) => {
    const file = await readUpload(input.file, HISTORY_FILE_LIMITS);
    const summary = await importHistory(db, user, file, { dryRun: input.mode === 'check', source: 'portal' });
    const counts = `tạo mới ${formatInteger(summary.created)}, cập nhật ${formatInteger(summary.updated)}, không đổi ${formatInteger(summary.unchanged)} báo cáo`;
    const message = summary.dryRun
      ? `Tệp hợp lệ (${formatInteger(summary.rows)} dòng). Nếu nhập: ${counts}. Chưa ghi gì.`
      : `Đã nhập ${formatInteger(summary.rows)} dòng: ${counts}.`;
    return { message, payload: summary };
  },
  // Imported reports appear on the dashboards (pages are rendered per request; this refreshes
  // the browser's router cache of the overview pages).
  revalidate: ['/cum', '/trung-uong'],
});
