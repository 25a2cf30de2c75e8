import { defineApiRoute } from '@/lib/http/api';
import { listThresholdSettings, updateThresholds, type ThresholdSetting } from '@/lib/reference/settings-store';
import { ThresholdChangesSchema, UNIT_LABELS } from '@/lib/reference/settings';

const json = (s: ThresholdSetting) => ({ name: s.name, label: s.label, unit: UNIT_LABELS[s.unit], value: s.value, default: s.defaultValue, custom: s.custom });

/** The validation thresholds in force, with their defaults: any signed-in account (the report form checks with them). */
export const GET = defineApiRoute({
  run: async ({ db }) => ({ thresholds: (await listThresholdSettings(db)).map(json) }),
});

/** Changes thresholds, or sets them back to their default with null (administrators). */
export const PATCH = defineApiRoute({
  body: ThresholdChangesSchema,
  run: async ({ db, user, input, now }) => {
    const { changed, settings } = await updateThresholds(db, user, input, now);
    return { changed, thresholds: settings.map(json) };
  },
});
