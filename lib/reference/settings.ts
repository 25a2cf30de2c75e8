// Settings an administrator may change, with their defaults: the warning thresholds of the report
// rules (lib/reports/rules.ts). Pure: the keys, the schemas of a stored value, of the form and of
// the API, the defaults and the Vietnamese labels. The data layer (./settings-store.ts) reads and
// writes the Setting rows; a key without a row takes its default from here.
import { z } from 'zod';
import { formatVnd } from '../format';

/** The thresholds the rules take as input. */
export type ValidationThresholds = {
  /** Largest change of a model's registration rate from the previous period, in percentage points, before a warning. */
  registrationRateChangePoints: number;
  /** Usual range of the average award per recipient, whole đồng: outside it the province is asked to explain. */
  awardAverageMin: number;
  awardAverageMax: number;
};

export type ThresholdName = keyof ValidationThresholds;

export const DEFAULT_THRESHOLDS: Readonly<ValidationThresholds> = Object.freeze({
  registrationRateChangePoints: 15,
  awardAverageMin: 50_000,
  awardAverageMax: 20_000_000,
});

/**
 * The highest average award per recipient accepted at all (a blocking rule: above it the figures
 * are surely mistyped). Not a setting; the usual range must stay under it.
 */
export const AWARD_CEILING_PER_RECIPIENT = 100_000_000;

const POINTS_RANGE = { min: 0.01, max: 100 } as const;

type Unit = 'points' | 'vnd';

export type SettingDefinition = {
  /** The Setting row's key. */
  key: string;
  name: ThresholdName;
  label: string;
  help: string;
  unit: Unit;
};

export const THRESHOLD_SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'validation.registrationRateChangePoints',
    name: 'registrationRateChangePoints',
    label: 'Mức thay đổi tỷ lệ đăng ký so với kỳ trước',
    help: 'Khi tỷ lệ đăng ký của một mô hình học tập tăng hoặc giảm quá mức này (điểm phần trăm) so với kỳ trước, tỉnh phải giải trình khi gửi báo cáo.',
    unit: 'points',
  },
  {
    key: 'validation.awardAverageMin',
    name: 'awardAverageMin',
    label: 'Bình quân thấp nhất mỗi người nhận',
    help: 'Học bổng, hỗ trợ, khen thưởng: khi số tiền bình quân mỗi người nhận thấp hơn mức này, tỉnh phải giải trình.',
    unit: 'vnd',
  },
  {
    key: 'validation.awardAverageMax',
    name: 'awardAverageMax',
    label: 'Bình quân cao nhất mỗi người nhận',
    help: `Khi số tiền bình quân mỗi người nhận cao hơn mức này, tỉnh phải giải trình. Trên ${formatVnd(AWARD_CEILING_PER_RECIPIENT)} mỗi người là lỗi phải sửa (không thay đổi được).`,
    unit: 'vnd',
  },
];

export const THRESHOLD_SETTING_BY_KEY: ReadonlyMap<string, SettingDefinition> = new Map(THRESHOLD_SETTINGS.map((s) => [s.key, s]));
export const THRESHOLD_SETTING_BY_NAME: Readonly<Record<ThresholdName, SettingDefinition>> = Object.fromEntries(
  THRESHOLD_SETTINGS.map((s) => [s.name, s]),
) as Record<ThresholdName, SettingDefinition>;

export const UNIT_LABELS: Record<Unit, string> = { points: 'điểm %', vnd: 'đồng' };

const pointsFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** "15 điểm %", "12,5 điểm %", "20.000.000 ₫": a threshold as the page, the messages and the audit show it. */
export function formatThreshold(name: ThresholdName, value: number): string {
  return THRESHOLD_SETTING_BY_NAME[name].unit === 'points' ? `${pointsFormat.format(value)}\u00A0điểm\u00A0%` : formatVnd(value);
}

// ---------------------------------------------------------------------------------------------
// Schemas

const hasAtMostTwoDecimals = (x: number) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9;

const MESSAGES = {
  pointsRange: `Mức thay đổi phải lớn hơn 0 và không quá ${POINTS_RANGE.max} điểm %.`,
  pointsDecimals: 'Mức thay đổi có tối đa 2 chữ số thập phân, ví dụ 12,5.',
  pointsNotNumber: 'Mức thay đổi phải là một số, ví dụ 15 hoặc 12,5.',
  vndInteger: 'Số tiền phải là số nguyên đồng, ví dụ 50.000.',
  vndRange: `Số tiền phải lớn hơn 0 và không quá ${formatVnd(AWARD_CEILING_PER_RECIPIENT)}.`,
  order: 'Bình quân cao nhất phải lớn hơn bình quân thấp nhất.',
} as const;

export const THRESHOLD_MESSAGES = MESSAGES;

const PointsSchema = z
  .number({ error: MESSAGES.pointsNotNumber })
  .refine((x) => Number.isFinite(x) && x >= POINTS_RANGE.min && x <= POINTS_RANGE.max, MESSAGES.pointsRange)
  .refine(hasAtMostTwoDecimals, MESSAGES.pointsDecimals);

const VndSchema = z
  .number({ error: MESSAGES.vndInteger })
  .refine((x) => Number.isSafeInteger(x), MESSAGES.vndInteger)
  .refine((x) => x >= 1 && x <= AWARD_CEILING_PER_RECIPIENT, MESSAGES.vndRange);

/** The schema of one setting's value, as stored (JSON) and as the API takes it. */
export const THRESHOLD_VALUE_SCHEMAS: Record<ThresholdName, z.ZodType<number>> = {
  registrationRateChangePoints: PointsSchema,
  awardAverageMin: VndSchema,
  awardAverageMax: VndSchema,
};

/** The thresholds in force: each stored value that is still valid, else the default. */
export function thresholdsFrom(stored: ReadonlyMap<string, unknown>): ValidationThresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const s of THRESHOLD_SETTINGS) {
    const parsed = THRESHOLD_VALUE_SCHEMAS[s.name].safeParse(stored.get(s.key));
    if (parsed.success) out[s.name] = parsed.data;
  }
  // A pair stored out of order (one edited by hand in the database) is no range: both defaults.
  if (out.awardAverageMin >= out.awardAverageMax) {
    out.awardAverageMin = DEFAULT_THRESHOLDS.awardAverageMin;
    out.awardAverageMax = DEFAULT_THRESHOLDS.awardAverageMax;
  }
  return out;
}

/** Refuses a set of thresholds whose range is out of order, on the field that was changed. */
export function thresholdOrderIssue(t: ValidationThresholds, changed: readonly ThresholdName[]): { field: ThresholdName; message: string } | null {
  if (t.awardAverageMin < t.awardAverageMax) return null;
  return { field: changed.includes('awardAverageMax') || !changed.includes('awardAverageMin') ? 'awardAverageMax' : 'awardAverageMin', message: MESSAGES.order };
}

/** Changes asked for: a new value, or null to go back to the default. */
export type ThresholdChanges = Partial<Record<ThresholdName, number | null>>;

/** The API's body: any of the thresholds, each a number or null (back to the default). */
export const ThresholdChangesSchema = z
  .strictObject(
    Object.fromEntries(THRESHOLD_SETTINGS.map((s) => [s.name, THRESHOLD_VALUE_SCHEMAS[s.name].nullable().optional()])) as Record<
      ThresholdName,
      z.ZodOptional<z.ZodNullable<z.ZodType<number>>>
    >,
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `Chỉ đặt được các ngưỡng ${THRESHOLD_SETTINGS.map((s) => s.name).join(', ')}.` : undefined,
    },
  )
  .refine((v) => Object.keys(v).length > 0, 'Cần ít nhất một ngưỡng để thay đổi.');

/** "12,5" or "12.5" as a number; anything else as it is, for the number schema to refuse. */
function typedPoints(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().replace(/\s*(điểm)?\s*%?$/u, '');
  return /^\d{1,3}(?:[.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : v;
}

/** "20.000.000", "20 000 000" or "20000000" as a number; anything else as it is. */
function typedVnd(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().replace(/\s*(₫|đồng|đ)$/u, '');
  if (/^\d+$/.test(s) || /^[1-9]\d{0,2}([. \u00A0]\d{3})+$/.test(s)) return Number(s.replace(/[. \u00A0]/g, ''));
  return v;
}

/** The settings form: every threshold as typed the Vietnamese way ("12,5", "20.000.000"). */
export const ThresholdsFormSchema = z
  .object({
    registrationRateChangePoints: z.preprocess(typedPoints, PointsSchema),
    awardAverageMin: z.preprocess(typedVnd, VndSchema),
    awardAverageMax: z.preprocess(typedVnd, VndSchema),
  })
  .superRefine((v, ctx) => {
    if (v.awardAverageMin >= v.awardAverageMax) ctx.addIssue({ code: 'custom', path: ['awardAverageMax'], message: MESSAGES.order });
  });

/** The form's "back to the default" button of one threshold. */
export const ResetThresholdSchema = z.object({
  name: z.enum(THRESHOLD_SETTINGS.map((s) => s.name) as [ThresholdName, ...ThresholdName[]], { error: 'Không có ngưỡng này.' }),
});
