import { defineDownload } from '@/lib/http/download';
import { reportWorkbookDownload } from '@/lib/excel/report-upload';

/**
 * The report as an .xlsx workbook (/bao-cao/26/2022S1/excel): the template provinces fill in,
 * with the current figures. Anyone who may read the report may download it: the report view
 * behind it checks the scope and refuses with its own message.
 */
export const GET = defineDownload({
  name: 'download.report-workbook',
  params: ['province', 'period'],
  run: async ({ db, user, params }) => {
    const { fileName, bytes } = await reportWorkbookDownload(db, user, { provinceCode: params.province, periodCode: params.period });
    return { fileName, format: 'xlsx', body: bytes };
  },
});
