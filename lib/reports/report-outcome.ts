// After a submission, an approval, a return or a reopening, the form that did it is gone (what may
// be done changed with the status), and its own message with it. So the action sends the browser
// back to the report page naming what was done (`?ket-qua=da-gui`), and the page says so, from
// the report as it now is: a stale or hand-typed address claims nothing the report does not show.
// Pure.

import type { ReportStatus } from '../domain';
import { formatDateTime } from '../format';

/** The query parameter naming what was just done. */
export const OUTCOME_PARAM = 'ket-qua';

const OUTCOMES = {
  'da-gui': 'SUBMITTED',
  'da-duyet': 'APPROVED',
  'da-tra-lai': 'RETURNED',
  'da-mo-lai': 'RETURNED',
} as const satisfies Record<string, ReportStatus>;

export type ReportOutcome = keyof typeof OUTCOMES;

/** A report's page, with what was just done when there is something to say. */
export function reportPagePath(ref: { provinceCode: string; periodCode: string }, outcome?: ReportOutcome): string {
  const path = `/bao-cao/${encodeURIComponent(ref.provinceCode)}/${encodeURIComponent(ref.periodCode)}`;
  return outcome ? `${path}?${OUTCOME_PARAM}=${outcome}` : path;
}

type ReportNow = { status: ReportStatus; submittedAt: Date | null; approvedAt: Date | null };

/** What the page says about the action named in its address, or null when the report does not bear it out. */
export function outcomeMessage(outcome: unknown, report: ReportNow | null): string | null {
  if (typeof outcome !== 'string' || !Object.hasOwn(OUTCOMES, outcome) || !report) return null;
  const key = outcome as ReportOutcome;
  if (report.status !== OUTCOMES[key]) return null;
  switch (key) {
    case 'da-gui':
      return `Đã gửi báo cáo tới cụm trưởng lúc ${formatDateTime(report.submittedAt)}. Báo cáo đang chờ duyệt; tỉnh chỉ sửa được khi cụm trưởng trả lại.`;
    case 'da-duyet':
      return `Đã duyệt báo cáo lúc ${formatDateTime(report.approvedAt)}. Tỉnh không sửa được nữa, trừ khi báo cáo được mở lại.`;
    case 'da-tra-lai':
      return 'Đã trả lại báo cáo cho tỉnh kèm nhận xét. Tỉnh sửa rồi gửi lại, và báo cáo sẽ chờ duyệt lần nữa.';
    case 'da-mo-lai':
      return 'Đã mở lại báo cáo để tỉnh chỉnh sửa. Tỉnh sửa rồi gửi lại, và báo cáo sẽ chờ duyệt lần nữa.';
  }
}
