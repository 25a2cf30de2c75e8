// What an administrator may type about provinces, clusters, memberships and leader terms: one
// schema per field, shared by the portal's forms (which name rows by id) and the API's bodies
// (which name them by code, with `from`/`to` dates). Messages are Vietnamese and name the field.
import { z } from 'zod';
import { UserFacingError } from '../errors';

const DAY_FORMAT = 'Ngày không hợp lệ (định dạng năm-tháng-ngày).';

/** A calendar day, YYYY-MM-DD, as a date-only value (00:00 UTC); 2025-02-30 is refused, not read as 2 March. */
export const DaySchema = z
  .string({ error: 'Vui lòng chọn ngày.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DAY_FORMAT, abort: true })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Ngày không hợp lệ: không có ngày này trong lịch.')
  .transform((s) => new Date(`${s}T00:00:00.000Z`));

/** A form's optional day: an empty field is "no date" (still in force). */
const FormOptionalDay = z.preprocess((v) => (v === '' || v === undefined ? null : v), DaySchema.nullable());

/** A form's optional text: an empty field is "none". */
const formOptional = <S extends z.ZodType<string | null>>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v === undefined ? null : v), schema);

const id = (what: string) => z.string({ error: `Vui lòng chọn ${what}.` }).trim().min(1, `Vui lòng chọn ${what}.`).max(64);

/** A province's administrative code: two digits (01 Hà Nội, 33 Hưng Yên). */
export const ProvinceCodeSchema = z
  .string({ error: 'Vui lòng nhập mã tỉnh, thành phố.' })
  .trim()
  .regex(/^\d{2}$/, 'Mã tỉnh, thành phố gồm 2 chữ số, ví dụ 01 hoặc 33.');

/** A cluster's code, as the addresses use it (CUM3): capitals, digits and hyphens. */
export const ClusterCodeSchema = z
  .string({ error: 'Vui lòng nhập mã cụm.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, 'Mã cụm gồm chữ cái không dấu, chữ số và dấu gạch ngang, tối đa 20 ký tự, ví dụ CUM3.');

const text = (label: string, max: number) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${label[0].toUpperCase()}${label.slice(1)} tối đa ${max.toLocaleString('vi-VN')} ký tự.`);

export const ProvinceNameSchema = text('tên tỉnh, thành phố', 100);
export const ClusterNameSchema = text('tên cụm', 200);
export const RegionSchema = text('vùng', 100);
export const NoteSchema = z.string({ error: 'Ghi chú phải là văn bản.' }).trim().max(2000, 'Ghi chú tối đa 2.000 ký tự.');
export const TermLabelSchema = text('nhiệm kỳ', 100);
/** Why a row is deleted (or corrected): kept in the administration log. */
export const ReasonSchema = z
  .string({ error: 'Vui lòng nhập lý do.' })
  .trim()
  .min(3, 'Vui lòng nhập lý do (ít nhất 3 ký tự).')
  .max(1000, 'Lý do tối đa 1.000 ký tự.');

// ---------------------------------------------------------------------------------------------
// The portal's forms

export const AddClusterMemberSchema = z.object({
  clusterId: id('cụm'),
  provinceId: id('tỉnh, thành phố'),
  validFrom: DaySchema,
  validTo: FormOptionalDay,
});

export const EndClusterMembershipSchema = z.object({
  membershipId: id('tư cách thành viên'),
  validTo: DaySchema,
});

export const UpdateClusterMembershipSchema = z.object({
  membershipId: id('tư cách thành viên'),
  validFrom: DaySchema,
  validTo: FormOptionalDay,
});

export const DeleteClusterMembershipSchema = z.object({
  membershipId: id('tư cách thành viên'),
  reason: ReasonSchema,
});

export const ClusterNoteSchema = z.object({
  clusterId: id('cụm'),
  note: NoteSchema,
});

export const CreateClusterSchema = z.object({
  code: ClusterCodeSchema,
  name: ClusterNameSchema,
  region: formOptional(RegionSchema.nullable()),
  note: formOptional(NoteSchema.nullable()),
});

/** Name and region; the note has its own form (ClusterNoteSchema). */
export const UpdateClusterSchema = z.object({
  clusterId: id('cụm'),
  name: ClusterNameSchema,
  region: formOptional(RegionSchema.nullable()),
});

export const AddLeaderTermSchema = z.object({
  clusterId: id('cụm'),
  provinceId: id('tỉnh cụm trưởng'),
  termLabel: TermLabelSchema,
  validFrom: DaySchema,
  validTo: FormOptionalDay,
});

export const UpdateLeaderTermSchema = z.object({
  termId: id('nhiệm kỳ'),
  provinceId: id('tỉnh cụm trưởng'),
  termLabel: TermLabelSchema,
  validFrom: DaySchema,
  validTo: FormOptionalDay,
});

export const DeleteLeaderTermSchema = z.object({
  termId: id('nhiệm kỳ'),
  reason: ReasonSchema,
});

export const UpdateProvinceSchema = z.object({
  provinceId: id('tỉnh, thành phố'),
  code: ProvinceCodeSchema,
  name: ProvinceNameSchema,
  validFrom: DaySchema,
  validTo: FormOptionalDay,
  successorId: z.preprocess((v) => (v === '' || v === undefined ? null : v), id('tỉnh kế thừa').nullable()),
  reason: formOptional(ReasonSchema.nullable()),
});

// ---------------------------------------------------------------------------------------------
// The API's query strings and bodies. Bodies are strict: a misspelt key is refused, not ignored,
// so that a script never believes it changed what it did not.

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `Trường không được hỗ trợ: ${issue.keys.join(', ')}.` : undefined),
  });

/** `?on=YYYY-MM-DD`: the day a list is read on, or a code's row picked by. */
export const OnQuerySchema = z.object({ on: DaySchema.optional() });

export const ProvincePatchBody = strict({
  code: ProvinceCodeSchema.optional(),
  name: ProvinceNameSchema.optional(),
  validFrom: DaySchema.optional(),
  validTo: DaySchema.nullable().optional(),
  /** The successor's code, resolved on the day after the province ends; null removes the link. */
  successor: ProvinceCodeSchema.nullable().optional(),
  reason: ReasonSchema.optional(),
});

export const ClusterCreateBody = strict({
  code: ClusterCodeSchema,
  name: ClusterNameSchema,
  region: RegionSchema.nullable().optional(),
  note: NoteSchema.nullable().optional(),
});

export const ClusterPatchBody = strict({
  name: ClusterNameSchema.optional(),
  region: RegionSchema.nullable().optional(),
  note: NoteSchema.nullable().optional(),
});

export const MembershipCreateBody = strict({
  province: ProvinceCodeSchema,
  from: DaySchema,
  to: DaySchema.nullable().optional(),
});

export const MembershipPatchBody = strict({
  from: DaySchema.optional(),
  to: DaySchema.nullable().optional(),
});

export const DeletionBody = strict({ reason: ReasonSchema });

export const LeaderTermCreateBody = strict({
  province: ProvinceCodeSchema,
  term: TermLabelSchema,
  from: DaySchema,
  to: DaySchema.nullable().optional(),
});

export const LeaderTermPatchBody = strict({
  province: ProvinceCodeSchema.optional(),
  term: TermLabelSchema.optional(),
  from: DaySchema.optional(),
  to: DaySchema.nullable().optional(),
});

/** The data layer names fields as the forms do; the API's bodies name some of them otherwise. */
export const API_FIELD_NAMES = {
  dated: { provinceId: 'province', validFrom: 'from', validTo: 'to', termLabel: 'term' },
  province: { successorId: 'successor' },
} as const satisfies Record<string, Record<string, string>>;

/** Runs a data-layer call, its refusal's field errors renamed to the body's keys (validFrom → from). */
export async function withFieldNames<T>(names: Readonly<Record<string, string>>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([key, messages]) => [names[key] ?? key, messages]));
    throw new UserFacingError(error.message, fields, error.code, { cause: error });
  }
}
