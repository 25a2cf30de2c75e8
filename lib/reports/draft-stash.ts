// The figures typed into the report form and not yet saved, kept in the browser (localStorage)
// so that an ended session, a refused save or a closed tab loses nothing. Kept per user and
// report, written as the user types, removed once the figures are saved; the form offers to
// restore them when it opens with figures that differ. Pure: the form reads and writes storage.

import { parseVietnameseInteger } from '../format';
import { REPORT_FIELD_BY_PATH } from './fields';

export type DraftStash = {
  /** Input values keyed by catalogue path, as typed. */
  values: Record<string, string>;
  /** The version of the report the figures were typed on. */
  version: number;
  /** When they were last typed (ms since the epoch). */
  at: number;
};

/** One key per user and report: another account on the same browser never sees them. */
export function draftStashKey(userId: string, ref: { provinceCode: string; periodCode: string }): string {
  return `khuyenhoc:bao-cao:${userId}:${ref.provinceCode}:${ref.periodCode}`;
}

export function encodeDraftStash(stash: DraftStash): string {
  return JSON.stringify(stash);
}

/** The stash as stored, or null for nothing or anything that is not one (only catalogue figures are kept). */
export function decodeDraftStash(raw: string | null): DraftStash | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { values, version, at } = parsed as Record<string, unknown>;
  if (typeof values !== 'object' || values === null || !Number.isInteger(version) || typeof at !== 'number') return null;
  const kept: Record<string, string> = {};
  for (const [path, value] of Object.entries(values)) if (REPORT_FIELD_BY_PATH.has(path) && typeof value === 'string') kept[path] = value;
  return Object.keys(kept).length ? { values: kept, version: version as number, at } : null;
}

/** Two inputs that mean the same: the same text, or the same number however grouped ("1234" and "1.234"). */
function same(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  const x = parseVietnameseInteger(a);
  const y = parseVietnameseInteger(b);
  return x.ok && y.ok && x.value === y.value;
}

/** The figures whose stashed value differs from the form's: what restoring would change. */
export function stashedChanges(stash: DraftStash, current: Record<string, string>): string[] {
  return Object.keys(stash.values).filter((path) => !same(stash.values[path] ?? '', current[path] ?? ''));
}
