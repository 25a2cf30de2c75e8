// "In force on a date", the one rule for every dated row (provinces, cluster memberships,
// leader terms, national targets): validFrom ≤ day ≤ validTo, both ends inclusive, and a null
// validTo for a row still in force. Dates are date-only values stored at 00:00 UTC. And the
// portal's one "today": the calendar day in Vietnam, whatever the server's time zone.

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type Dated = { validFrom: Date; validTo: Date | null };

/** Whether a dated row is in force on `day`. */
export function isInForce(row: Dated, day: Date): boolean {
  return row.validFrom.getTime() <= day.getTime() && (row.validTo === null || row.validTo.getTime() >= day.getTime());
}

/** The same rule as a Prisma `where` fragment, for queries over a dated table. */
export function inForceWhere(day: Date) {
  return { validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] };
}

/** Today's date in Vietnam (UTC+7, no daylight saving) as a date-only value (00:00 UTC), to compare with date columns. */
export function vietnamDay(now: Date): Date {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  return new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate()));
}
