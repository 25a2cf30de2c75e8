// When two dated rows collide: the rules behind "a province belongs to one cluster at a time",
// "a cluster has one leader at a time" and "a province code names one province at a time".
// Ranges are those of validity.ts: date-only values, both ends inclusive, a null end for a row
// still in force. Pure: the data layer loads the rows and turns a collision into a message.
import { isInForce, type Dated } from './validity';

const DAY_MS = 86_400_000;

/** Whether a range ends on or after its first day (a one-day range is fine). */
export function isOrdered(range: Dated): boolean {
  return range.validTo === null || range.validTo.getTime() >= range.validFrom.getTime();
}

/** Whether two ranges share at least one day. */
export function rangesOverlap(a: Dated, b: Dated): boolean {
  const aEndsBeforeB = a.validTo !== null && a.validTo.getTime() < b.validFrom.getTime();
  const bEndsBeforeA = b.validTo !== null && b.validTo.getTime() < a.validFrom.getTime();
  return !aEndsBeforeB && !bEndsBeforeA;
}

/**
 * The first of `rows` sharing a day with `candidate`, the candidate's own row (same id) left out:
 * a row being corrected does not collide with what it was.
 */
export function firstOverlap<T extends Dated & { id: string }>(candidate: Dated & { id?: string }, rows: readonly T[]): T | null {
  return rows.find((row) => row.id !== candidate.id && rangesOverlap(candidate, row)) ?? null;
}

/** The day after `day`, for "the successor is in force the day after its predecessor ends". */
export function dayAfter(day: Date): Date {
  return new Date(day.getTime() + DAY_MS);
}

/**
 * Why a successor link cannot hold, or null when it can: a province merges into another only once it
 * has ended, and only into a province in force the day after, never into itself or into a province
 * that (through its own successors) merges back into it.
 */
export function successorProblem(
  province: Dated & { id: string },
  successor: Dated & { id: string },
  successorOf: (id: string) => string | null,
): 'still-in-force' | 'itself' | 'not-in-force-after' | 'cycle' | null {
  if (successor.id === province.id) return 'itself';
  if (province.validTo === null) return 'still-in-force';
  if (!isInForce(successor, dayAfter(province.validTo))) return 'not-in-force-after';
  const seen = new Set<string>([province.id]);
  for (let next: string | null = successor.id; next !== null; next = successorOf(next)) {
    if (seen.has(next)) return 'cycle';
    seen.add(next);
  }
  return null;
}
