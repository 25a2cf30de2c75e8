import 'server-only';
import { canManageReferenceData, type SessionUser } from '../permissions';
import { forbidden, UserFacingError } from '../errors';
import { writeAudit } from '../platform/audit';
import type { Db, DbClient } from '../platform/db';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLD_SETTINGS,
  THRESHOLD_SETTING_BY_NAME,
  THRESHOLD_VALUE_SCHEMAS,
  formatThreshold,
  thresholdOrderIssue,
  thresholdsFrom,
  type SettingDefinition,
  type ThresholdChanges,
  type ThresholdName,
  type ValidationThresholds,
} from './settings';

// The Setting rows of the validation thresholds: read all in one query, write each change with
// its audit row (old → new) in one transaction. A key without a row takes its default
// (./settings.ts), so a reset deletes the row and a later change of the default applies.

const KEYS = THRESHOLD_SETTINGS.map((s) => s.key);

/** The thresholds in force, in one query: what every report check is given. */
export async function readValidationThresholds(db: DbClient): Promise<ValidationThresholds> {
  const rows = await db.setting.findMany({ where: { key: { in: KEYS } }, select: { key: true, value: true } });
  return thresholdsFrom(new Map(rows.map((r) => [r.key, r.value])));
}

export type ThresholdSetting = SettingDefinition & {
  value: number;
  defaultValue: number;
  /** An administrator's value is in force (else the default). */
  custom: boolean;
  updatedAt: Date | null;
};

/** Each threshold with its value in force, its default and when it was last changed, in one query. */
export async function listThresholdSettings(db: DbClient): Promise<ThresholdSetting[]> {
  const rows = await db.setting.findMany({ where: { key: { in: KEYS } }, select: { key: true, value: true, updatedAt: true } });
  return settingsOf(rows);
}

function settingsOf(rows: readonly { key: string; value: unknown; updatedAt: Date }[]): ThresholdSetting[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const inForce = thresholdsFrom(new Map(rows.map((r) => [r.key, r.value])));
  return THRESHOLD_SETTINGS.map((s) => {
    const row = byKey.get(s.key);
    const custom = row !== undefined && row.value === inForce[s.name];
    return { ...s, value: inForce[s.name], defaultValue: DEFAULT_THRESHOLDS[s.name], custom, updatedAt: custom ? row.updatedAt : null };
  });
}

const fieldError = (field: string, message: string) => new UserFacingError(message, { [field]: [message] });

/**
 * Changes thresholds (a number) or sets them back to their default (null), administrators only.
 * Refused whole, writing nothing, when a value is out of range or the award range ends up out of
 * order. Returns the thresholds that changed (none: nothing was written) and every threshold as
 * it now is.
 */
export async function updateThresholds(
  db: Db,
  actor: SessionUser,
  changes: ThresholdChanges,
  now: Date = new Date(),
): Promise<{ changed: ThresholdName[]; settings: ThresholdSetting[] }> {
  if (!canManageReferenceData(actor)) throw forbidden();
  for (const [name, value] of Object.entries(changes) as [ThresholdName, number | null | undefined][]) {
    if (!THRESHOLD_SETTING_BY_NAME[name]) throw new UserFacingError(`Không có ngưỡng ${name}.`);
    if (value === null || value === undefined) continue;
    const parsed = THRESHOLD_VALUE_SCHEMAS[name].safeParse(value);
    if (!parsed.success) throw fieldError(name, parsed.error.issues[0].message);
  }
  return db.$transaction(async (tx) => {
    const rows = await tx.setting.findMany({ where: { key: { in: KEYS } }, select: { key: true, value: true, updatedAt: true } });
    const stored = new Map<string, unknown>(rows.map((r) => [r.key, r.value]));
    const before = thresholdsFrom(stored);
    const after = { ...before };
    const changed: { name: ThresholdName; key: string; value: number | null }[] = [];
    for (const [name, value] of Object.entries(changes) as [ThresholdName, number | null | undefined][]) {
      if (value === undefined) continue;
      const { key } = THRESHOLD_SETTING_BY_NAME[name];
      const has = stored.has(key);
      if (value === null) {
        if (!has) continue;
        after[name] = DEFAULT_THRESHOLDS[name];
      } else {
        // No row holding the default itself, and no write of what is already stored.
        if (has ? stored.get(key) === value : value === DEFAULT_THRESHOLDS[name]) continue;
        after[name] = value;
      }
      changed.push({ name, key, value });
    }
    if (changed.length === 0) return { changed: [], settings: settingsOf(rows) };
    const issue = thresholdOrderIssue(after, changed.map((c) => c.name));
    if (issue) throw fieldError(issue.field, issue.message);

    const written = new Map(rows.map((r) => [r.key, r]));
    for (const c of changed) {
      if (c.value === null) {
        await tx.setting.delete({ where: { key: c.key } });
        written.delete(c.key);
      } else {
        const row = await tx.setting.upsert({
          where: { key: c.key },
          create: { key: c.key, value: c.value, updatedById: actor.id },
          update: { value: c.value, updatedById: actor.id },
          select: { key: true, value: true, updatedAt: true },
        });
        written.set(c.key, row);
      }
    }
    await writeAudit(
      tx,
      changed.map((c) => ({
        actorId: actor.id,
        action: c.value === null ? 'setting.reset' : 'setting.update',
        entityType: 'Setting',
        entityId: c.key,
        field: c.name,
        oldValue: formatThreshold(c.name, before[c.name]),
        newValue: formatThreshold(c.name, after[c.name]),
        details: { label: THRESHOLD_SETTING_BY_NAME[c.name].label, old: before[c.name], new: after[c.name], default: DEFAULT_THRESHOLDS[c.name] },
        at: now,
      })),
    );
    return { changed: changed.map((c) => c.name), settings: settingsOf([...written.values()]) };
  });
}
