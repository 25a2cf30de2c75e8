// National targets as administrators enter them: one decision with its targets, a change to one
// target, its end. Pure (zod): the form and the API read the same fields, in two dialects (a form
// types the rate as a percentage, "65,5"; the API sends it as a fraction, 0.655, like every rate
// of the API), and both end in the same input for the data layer (./target-admin.ts), which
// checks what needs the database (a duplicate, a change against the stored target).
import { z } from 'zod';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS, LEARNING_MODEL_UNITS, type LearningModel } from '../domain';
import { TARGET_METRICS, type TargetMetric } from '../dashboards/targets';

export const TARGET_MESSAGES = {
  decision: 'Vui lòng nhập số hiệu quyết định, ví dụ QĐ 387/QĐ-TTg.',
  decisionLong: 'Số hiệu quyết định tối đa 100 ký tự.',
  model: `Mô hình học tập không hợp lệ: chọn một trong ${LEARNING_MODELS.join(', ')}.`,
  metric: 'Chỉ tiêu không hợp lệ: REGISTRATION (tỷ lệ đăng ký) hoặc RECOGNITION (tỷ lệ đạt danh hiệu).',
  rateMissing: 'Vui lòng nhập tỷ lệ mục tiêu.',
  ratePercent: 'Tỷ lệ mục tiêu là một số phần trăm, ví dụ 80 hoặc 65,5.',
  rateFraction: 'Tỷ lệ mục tiêu là một phân số từ 0 đến 1, ví dụ 0.8 cho 80 %.',
  rateAbove100: 'Tỷ lệ mục tiêu không được quá 100 %.',
  rateNotPositive: 'Tỷ lệ mục tiêu phải lớn hơn 0.',
  rateDecimals: 'Tỷ lệ mục tiêu có tối đa 2 chữ số thập phân (phần trăm), ví dụ 65,25 %.',
  year: 'Năm mục tiêu phải là một năm từ 2000 đến 2100.',
  yearBeforeStart: (year: number, start: number) => `Năm mục tiêu (${year}) không được trước năm bắt đầu hiệu lực (${start}).`,
  subjectLong: 'Đối tượng tối đa 100 ký tự.',
  descriptionLong: 'Nội dung tối đa 500 ký tự.',
  sourceLong: 'Căn cứ tối đa 500 ký tự.',
  day: 'Ngày không hợp lệ (định dạng năm-tháng-ngày, ví dụ 2027-01-01).',
  dayMissing: 'Vui lòng chọn ngày.',
  noTargets: 'Quyết định cần ít nhất một mục tiêu.',
  tooManyTargets: 'Mỗi lần thêm tối đa 30 mục tiêu.',
  duplicateInList: (row: number) => `Trùng với mục tiêu ở dòng ${row}: cùng mô hình, đối tượng và năm mục tiêu.`,
  endBeforeStart: 'Ngày kết thúc không được trước ngày bắt đầu hiệu lực.',
  identity:
    'Chỉ đổi được tỷ lệ (rate), nội dung (description), căn cứ (source) và thời gian hiệu lực (validFrom, validTo). Mục tiêu của quyết định khác, mô hình, đối tượng hay năm khác là một mục tiêu mới: hãy kết thúc mục tiêu này và thêm mục tiêu mới.',
  noChange: 'Không có thay đổi nào.',
} as const;

/** "2027-01-01" as a date-only value (00:00 UTC); refuses a day that does not exist (2027-02-30). */
export const DaySchema = z
  .string({ error: TARGET_MESSAGES.dayMissing })
  .trim()
  .min(1, TARGET_MESSAGES.dayMissing)
  .regex(/^\d{4}-\d{2}-\d{2}$/, TARGET_MESSAGES.day)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, TARGET_MESSAGES.day)
  .transform((s) => new Date(`${s}T00:00:00.000Z`));

const DecisionSchema = z.string({ error: TARGET_MESSAGES.decision }).trim().min(1, TARGET_MESSAGES.decision).max(100, TARGET_MESSAGES.decisionLong);
const ModelSchema = z.enum(LEARNING_MODELS, { error: TARGET_MESSAGES.model });
const MetricSchema = z.enum(TARGET_METRICS, { error: TARGET_MESSAGES.metric });
const YearSchema = z.coerce.number({ error: TARGET_MESSAGES.year }).int(TARGET_MESSAGES.year).min(2000, TARGET_MESSAGES.year).max(2100, TARGET_MESSAGES.year);

/** Optional text: trimmed, and empty (or absent, or null) is null. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => (v ? v : null));

const SubjectSchema = optionalText(100, TARGET_MESSAGES.subjectLong);
const DescriptionSchema = optionalText(500, TARGET_MESSAGES.descriptionLong);
const SourceSchema = optionalText(500, TARGET_MESSAGES.sourceLong);

/** A basis-point rate (7000 = 70 %): above 0, at most 100 %. */
function checkBp(bp: number, ctx: z.RefinementCtx): number {
  if (bp > 10_000) ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.rateAbove100 });
  else if (bp <= 0) ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.rateNotPositive });
  return bp;
}

/** The form's rate: a percentage typed the Vietnamese way ("80", "65,5", "65.5 %"), in basis points. */
export const RatePercentSchema = z
  .string({ error: TARGET_MESSAGES.rateMissing })
  .trim()
  .min(1, TARGET_MESSAGES.rateMissing)
  .transform((raw, ctx) => {
    const m = /^(-?\d{1,4})(?:[.,](\d+))?\s*%?$/.exec(raw);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.ratePercent });
      return z.NEVER;
    }
    const [, whole, decimals = ''] = m;
    if (decimals.replace(/0+$/, '').length > 2) {
      ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.rateDecimals });
      return z.NEVER;
    }
    // Read as written, digit by digit: "65,5" is 6550 basis points, with no binary rounding.
    const sign = whole.startsWith('-') ? -1 : 1;
    const bp = sign * (Math.abs(Number(whole)) * 100 + Number((decimals + '00').slice(0, 2)));
    return checkBp(bp, ctx);
  });

/** The API's rate: a fraction (0.655 = 65,5 %), like every rate of the API, in basis points. */
export const RateFractionSchema = z.number({ error: TARGET_MESSAGES.rateFraction }).transform((x, ctx) => {
  if (!Number.isFinite(x)) {
    ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.rateFraction });
    return z.NEVER;
  }
  const bp = Math.round(x * 10_000);
  if (Math.abs(x * 10_000 - bp) > 1e-6) {
    ctx.addIssue({ code: 'custom', message: TARGET_MESSAGES.rateDecimals });
    return z.NEVER;
  }
  return checkBp(bp, ctx);
});

export type NewTarget = {
  model: LearningModel;
  metric: TargetMetric;
  subject: string | null;
  rateBp: number;
  targetYear: number;
  /** Null: written from the other fields (defaultTargetDescription). */
  description: string | null;
  source: string | null;
};

/** A decision and its targets, as the data layer takes them. */
export type NewDecisionInput = { decision: string; validFrom: Date; targets: NewTarget[] };

/** A change to one target; absent fields are kept. The target's identity (decision, model, subject, year) never changes. */
export type TargetChangesInput = {
  rateBp?: number;
  description?: string | null;
  source?: string | null;
  validFrom?: Date;
  /** Null: the target is in force again. */
  validTo?: Date | null;
};

/** A field the body does not know is refused, not ignored: a script learns of its typo. */
const unknownFields = { error: (issue: { code?: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `Trường không được hỗ trợ: ${issue.keys?.join(', ')}.` : undefined) };

const targetFields = (rate: z.ZodType<number>) =>
  z.strictObject(
    {
      model: ModelSchema,
      metric: MetricSchema.default('RECOGNITION'),
      subject: SubjectSchema,
      rate,
      targetYear: YearSchema,
      description: DescriptionSchema,
      source: SourceSchema,
    },
    unknownFields,
  );

/** Same decision, same model, same subject, same year: one target (the database's unique key). */
export const targetKey = (t: { model: string; subject: string | null; targetYear: number }) => `${t.model}|${t.subject ?? ''}|${t.targetYear}`;

function decisionSchema(rate: z.ZodType<number>) {
  return z
    .strictObject(
      {
        decision: DecisionSchema,
        validFrom: DaySchema,
        targets: z.array(targetFields(rate), { error: TARGET_MESSAGES.noTargets }).min(1, TARGET_MESSAGES.noTargets).max(30, TARGET_MESSAGES.tooManyTargets),
      },
      unknownFields,
    )
    .superRefine(
      (v, ctx) => {
        // Also runs when other fields are invalid (so that every error shows at once): each value
        // is used only if it was read.
        const start = v.validFrom instanceof Date && !Number.isNaN(v.validFrom.getTime()) ? v.validFrom.getUTCFullYear() : null;
        const seen = new Map<string, number>();
        (Array.isArray(v.targets) ? v.targets : []).forEach((t, i) => {
          if (!t || typeof t.targetYear !== 'number' || !Number.isInteger(t.targetYear)) return;
          if (start !== null && t.targetYear < start) {
            ctx.addIssue({ code: 'custom', path: ['targets', i, 'targetYear'], message: TARGET_MESSAGES.yearBeforeStart(t.targetYear, start) });
          }
          if (typeof t.model !== 'string') return;
          const key = targetKey({ model: t.model, subject: typeof t.subject === 'string' ? t.subject : null, targetYear: t.targetYear });
          const first = seen.get(key);
          if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['targets', i, 'targetYear'], message: TARGET_MESSAGES.duplicateInList(first + 1) });
          else seen.set(key, i);
        });
      },
      { when: () => true },
    )
    .transform(
      (v): NewDecisionInput => ({
        decision: v.decision,
        validFrom: v.validFrom,
        targets: v.targets.map(({ rate, ...t }) => ({ ...t, rateBp: rate })),
      }),
    );
}

/** POST /api/v1/targets: `{ "decision", "validFrom", "targets": [{ "model", "metric"?, "subject"?, "rate", "targetYear", "description"?, "source"? }] }`. */
export const NewDecisionApiSchema = decisionSchema(RateFractionSchema);

/** The "add a decision" form, its rows named targets.0.model, targets.0.rate (a percentage)… */
export const NewDecisionFormSchema = decisionSchema(RatePercentSchema);

/**
 * The form's fields as the schema's input, row i from the fields targets.i.*. Empty rows at the end
 * (one added and left blank) are dropped; the others keep their index, so an error names the row
 * the user sees.
 */
export function newDecisionFromForm(form: FormData): unknown {
  const rows: Record<string, string>[] = [];
  for (const [name, value] of form.entries()) {
    const m = /^targets\.(\d{1,2})\.(\w+)$/.exec(name);
    if (!m || typeof value !== 'string') continue;
    (rows[Number(m[1])] ??= {})[m[2]] = value;
  }
  const filled = (row: Record<string, string> | undefined) =>
    row !== undefined && ['model', 'subject', 'rate', 'targetYear', 'description', 'source'].some((k) => (row[k] ?? '').trim() !== '');
  while (rows.length > 0 && !filled(rows[rows.length - 1])) rows.pop();
  return { decision: form.get('decision'), validFrom: form.get('validFrom'), targets: Array.from(rows, (row) => row ?? {}) };
}

function changesSchema(rate: z.ZodType<number>) {
  return z
    .strictObject(
      {
        rate: rate.optional(),
        description: DescriptionSchema.optional(),
        source: SourceSchema.optional(),
        validFrom: DaySchema.optional(),
        validTo: DaySchema.nullable().optional(),
      },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? TARGET_MESSAGES.identity : undefined) },
    )
    .transform(({ rate, ...rest }): TargetChangesInput => {
      const out: TargetChangesInput = {};
      if (rate !== undefined) out.rateBp = rate;
      for (const [k, v] of Object.entries(rest)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
      return out;
    });
}

/** PATCH /api/v1/targets/{id}: any of `rate` (a fraction), `description`, `source`, `validFrom`, `validTo` (null: in force again). */
export const TargetChangesApiSchema = changesSchema(RateFractionSchema).refine((v) => Object.keys(v).length > 0, TARGET_MESSAGES.noChange);

const TargetIdSchema = z.string({ error: 'Thiếu mục tiêu cần thay đổi.' }).trim().min(1, 'Thiếu mục tiêu cần thay đổi.').max(64);

/** The edit form of one target: rate (a percentage), description, source, first day in force. */
export const EditTargetFormSchema = z
  .object({
    id: TargetIdSchema,
    rate: RatePercentSchema,
    description: DescriptionSchema,
    source: SourceSchema,
    validFrom: DaySchema,
  })
  .transform(({ id, rate, ...rest }) => ({ id, changes: { rateBp: rate, ...rest } satisfies TargetChangesInput }));

/** The end form of one target: its last day in force; empty puts it back in force. */
export const EndTargetFormSchema = z
  .object({
    id: TargetIdSchema,
    validTo: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), DaySchema.nullable()),
  })
  .transform(({ id, validTo }) => ({ id, changes: { validTo } satisfies TargetChangesInput }));

// ---------------------------------------------------------------------------------------------
// Labels

const percentFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 6550 → "65,5 %". */
export function formatRateBp(rateBp: number): string {
  return `${percentFormat.format(rateBp / 100)}\u00A0%`;
}

/** 6550 → "65,5": the rate as the edit form shows it. */
export function rateBpForInput(rateBp: number): string {
  return percentFormat.format(rateBp / 100).replace(/\./g, '');
}

/** "Đến năm 2030, 80 % hộ gia đình được công nhận danh hiệu “Gia đình học tập”.": a target said in words. */
export function defaultTargetDescription(t: Pick<NewTarget, 'model' | 'metric' | 'subject' | 'rateBp' | 'targetYear'>): string {
  const who = t.subject ?? LEARNING_MODEL_UNITS[t.model];
  const verb = t.metric === 'RECOGNITION' ? 'được công nhận danh hiệu' : 'đăng ký danh hiệu';
  return `Đến năm ${t.targetYear}, ${formatRateBp(t.rateBp)} ${who} ${verb} “${LEARNING_MODEL_LABELS[t.model]}”.`;
}

// ---------------------------------------------------------------------------------------------
// JSON

type TargetLike = {
  id: string;
  decision: string;
  model: LearningModel;
  metric: TargetMetric;
  subject: string | null;
  rateBp: number;
  targetYear: number;
  validFrom: Date;
  validTo?: Date | null;
  description: string;
  source?: string | null;
};

/** A target as the API answers it: the rate as a fraction (0.7), days as YYYY-MM-DD. */
export function targetJson(t: TargetLike) {
  return {
    id: t.id,
    decision: t.decision,
    model: t.model,
    metric: t.metric,
    subject: t.subject,
    rate: t.rateBp / 10_000,
    targetYear: t.targetYear,
    validFrom: t.validFrom.toISOString().slice(0, 10),
    validTo: t.validTo ? t.validTo.toISOString().slice(0, 10) : null,
    description: t.description,
    source: t.source ?? null,
  };
}
