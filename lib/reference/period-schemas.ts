// What an administrator may type about periods: a year to create, a deadline, a lock, a
// province's extension. One schema per field, shared by the portal's forms and the API's bodies
// (both name the fields alike). Messages are Vietnamese and name the field. A deadline is typed
// as a day (its last second in Vietnam, as the default deadlines are) or, in the API, also as an
// instant with its offset, e.g. 2027-07-31T12:00:00+07:00.
import { z } from 'zod';
import { DaySchema, ProvinceCodeSchema, ReasonSchema } from './admin-schemas';
import { endOfVietnamDay } from './deadlines';
import { isPeriodCode } from './periods';

export const PERIOD_MESSAGES = {
  year: 'Năm phải là một số nguyên từ 2000 đến 2100.',
  deadline: 'Hạn nộp là một ngày (năm-tháng-ngày, ví dụ 2027-07-15) hoặc một thời điểm kèm múi giờ (ví dụ 2027-07-15T23:59:59+07:00).',
  deadlineMissing: 'Vui lòng chọn hạn nộp.',
  locked: 'Khoá sổ (locked) là true hoặc false.',
  nothing: 'Không có gì để thay đổi: gửi hạn nộp mới (deadline) hoặc khoá sổ (locked).',
  period: 'Kỳ báo cáo có dạng năm, chữ S rồi 1 hoặc 2, ví dụ 2027S1.',
  extensionReason: 'Vui lòng ghi lý do gia hạn.',
  extensionReasonLong: 'Lý do gia hạn tối đa 500 ký tự.',
} as const;

const INSTANT = z.iso.datetime({ offset: true });

/** A deadline: a day (23:59:59 that day in Vietnam) or an instant with its offset. */
export const DeadlineSchema = z
  .string({ error: (issue) => (issue.input === undefined ? PERIOD_MESSAGES.deadlineMissing : PERIOD_MESSAGES.deadline) })
  .trim()
  .min(1, PERIOD_MESSAGES.deadlineMissing)
  .transform((s, ctx) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      const day = DaySchema.safeParse(s);
      if (day.success) return endOfVietnamDay(day.data);
      ctx.addIssue({ code: 'custom', message: day.error.issues[0].message });
      return z.NEVER;
    }
    if (INSTANT.safeParse(s).success) return new Date(s);
    ctx.addIssue({ code: 'custom', message: PERIOD_MESSAGES.deadline });
    return z.NEVER;
  });

export const YearSchema = z.coerce
  .number({ error: PERIOD_MESSAGES.year })
  .int(PERIOD_MESSAGES.year)
  .min(2000, PERIOD_MESSAGES.year)
  .max(2100, PERIOD_MESSAGES.year);

export const PeriodCodeSchema = z.string({ error: PERIOD_MESSAGES.period }).trim().refine(isPeriodCode, PERIOD_MESSAGES.period);

export const ExtensionReasonSchema = z
  .string({ error: PERIOD_MESSAGES.extensionReason })
  .trim()
  .min(1, PERIOD_MESSAGES.extensionReason)
  .max(500, PERIOD_MESSAGES.extensionReasonLong);

// ---------------------------------------------------------------------------------------------
// The API's bodies: strict, so that a misspelt key is refused rather than ignored.

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Trường không được hỗ trợ: ${issue.keys.join(', ')}.` : undefined),
  });

/** `POST /api/v1/periods`: the year, and optionally deadlines other than the defaults. */
export const PeriodsCreateBody = strict({
  year: z.number({ error: PERIOD_MESSAGES.year }).int(PERIOD_MESSAGES.year).min(2000, PERIOD_MESSAGES.year).max(2100, PERIOD_MESSAGES.year),
  deadlines: strict({ S1: DeadlineSchema.optional(), S2: DeadlineSchema.optional() }).optional(),
});

/** `PATCH /api/v1/periods/{code}`: a new deadline, a lock or an unlock, or both. */
export const PeriodPatchBody = strict({
  deadline: DeadlineSchema.optional(),
  locked: z.boolean({ error: PERIOD_MESSAGES.locked }).optional(),
}).refine((b) => b.deadline !== undefined || b.locked !== undefined, PERIOD_MESSAGES.nothing);

/** `POST /api/v1/periods/{code}/extensions`: the province (its code in that period), the new deadline, why. */
export const ExtensionCreateBody = strict({
  province: ProvinceCodeSchema,
  deadline: DeadlineSchema,
  reason: ExtensionReasonSchema,
});

// ---------------------------------------------------------------------------------------------
// The portal's forms (the period named by its code in a hidden field)

/** The form's deadline fields of a new year: empty keeps the default. */
const FormOptionalDeadline = z.preprocess((v) => (v === '' || v === null ? undefined : v), DeadlineSchema.optional());

export const CreatePeriodsFormSchema = z.object({
  year: YearSchema,
  deadlines: z.object({ S1: FormOptionalDeadline, S2: FormOptionalDeadline }),
});

/** A form's fields named `deadlines.S1` read as the nested object the schema expects. */
export function createPeriodsFormInput(form: FormData) {
  return { year: form.get('year'), deadlines: { S1: form.get('deadlines.S1'), S2: form.get('deadlines.S2') } };
}

export const PeriodDeadlineFormSchema = z.object({ period: PeriodCodeSchema, deadline: DeadlineSchema });

export const PeriodLockFormSchema = z.object({
  period: PeriodCodeSchema,
  locked: z.enum(['true', 'false'], { error: PERIOD_MESSAGES.locked }).transform((v) => v === 'true'),
});

export const ExtensionFormSchema = z.object({
  period: PeriodCodeSchema,
  province: ProvinceCodeSchema,
  deadline: DeadlineSchema,
  reason: ExtensionReasonSchema,
});

export const RemoveExtensionFormSchema = z.object({
  period: PeriodCodeSchema,
  province: ProvinceCodeSchema,
  reason: ReasonSchema,
});
