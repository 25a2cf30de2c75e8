import { UserFacingError, HTTP_STATUS } from '@/lib/errors';
import { getDb } from '@/lib/platform/db';
import { plainResponse } from '@/lib/http/export-response';
import { reportWorkbookDownload } from '@/lib/excel/report-upload';
import { getCurrentUser } from '@/lib/http/session';

/**
 * The report as an .xlsx workbook (/bao-cao/26/2022S1/excel): the template provinces fill in,
 * with the current figures. Anyone who may read the report may download it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ province: string; period: string }> }) {
  const { province, period } = await params;
  const user = await getCurrentUser();
  if (!user) return plainResponse(401, 'Vui lòng đăng nhập.');
  try {
    const { fileName, bytes } = await reportWorkbookDownload(getDb(), user, { provinceCode: province, periodCode: period });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof UserFacingError) return plainResponse(HTTP_STATUS[error.code], error.message);
    throw error;
  }
}
