import { toCsv } from '@/lib/dashboards/export-table';
import { historyHeadings, historyTemplateXlsx } from '@/lib/excel/history-import';
import { defineDownload } from '@/lib/http/download';
import { canImportHistory } from '@/lib/permissions';

/** The empty history template: /nhap-lich-su/mau/mau-nhap-lich-su.xlsx (or .csv). */
export const GET = defineDownload({
  name: 'download.history-template',
  files: { names: ['mau-nhap-lich-su'], formats: ['xlsx', 'csv'], unknown: 'Không có tệp này.' },
  authorize: { check: canImportHistory, refused: 'Chỉ quản trị viên và Trung ương Hội được nhập số liệu lịch sử.' },
  run: async ({ file }) => {
    if (file.format === 'xlsx') return { fileName: file.fileName, format: 'xlsx', body: await historyTemplateXlsx() };
    const columns = historyHeadings().map((header, i) => ({ key: String(i), header, kind: 'text' as const }));
    return { fileName: file.fileName, format: 'csv', body: toCsv({ title: 'Mẫu nhập lịch sử', columns, rows: [] }) };
  },
});
