// How large a server action's body may be, by the page it is posted to. Only the
// two pages with a file field take more than a small form: a report's page (its
// workbook) and the history import. Shared by the action gate (lib/http/action-gate.ts)
// and next.config.ts (serverActions.bodySizeLimit, the largest of them). Pure.
import { HISTORY_FILE_LIMITS, REPORT_FILE_LIMITS } from '../excel/upload-limits';

/**
 * Every page without a file field, and the most a request without a session may send:
 * far above any form (a report's three narratives of 10,000 characters are under 150 kB).
 */
export const SMALL_BODY_BYTES = 1024 * 1024;

/** Room for a file form's other fields and the multipart framing around the file. */
const FORM_MARGIN_BYTES = 1024 * 1024;

const FILE_PAGES: ReadonlyArray<{ page: RegExp; bytes: number }> = [
  // /bao-cao/<province>/<period>: the report workbook upload (2 MB).
  { page: /^\/bao-cao\/[^/]+\/[^/]+\/?$/, bytes: REPORT_FILE_LIMITS.maxBytes + FORM_MARGIN_BYTES },
  // /nhap-lich-su: the history file (8 MB).
  { page: /^\/nhap-lich-su\/?$/, bytes: HISTORY_FILE_LIMITS.maxBytes + FORM_MARGIN_BYTES },
];

/** The most bytes a server action posted to `pathname` may send. */
export function actionBodyLimit(pathname: string): number {
  return FILE_PAGES.find(({ page }) => page.test(pathname))?.bytes ?? SMALL_BODY_BYTES;
}

/** The largest body any page takes: Next's own limit (next.config.ts), behind the gate's per-page ones. */
export const MAX_ACTION_BODY_BYTES = Math.max(SMALL_BODY_BYTES, ...FILE_PAGES.map(({ bytes }) => bytes));
