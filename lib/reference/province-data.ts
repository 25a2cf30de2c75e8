// The official list of provinces shipped with the portal (prisma/reference/provinces.json): the 63
// in force until 30 June 2025 and the 34 in force from 1 July 2025 (Resolution 202/2025/QH15),
// with their codes, validity, successor links and the source of each fact. Pure: the file is
// imported with the code and checked here, so a broken file stops the loader, the seed and the
// tests with a message naming the row, before anything is written.
import { z } from 'zod';

import provincesFile from '../../prisma/reference/provinces.json' with { type: 'json' };
import { DaySchema, ProvinceCodeSchema } from './admin-schemas';
import { isInForce } from './validity';

/** How many rows are in force on a day, as the official lists count them. */
export const PROVINCES_IN_FORCE: ReadonlyArray<{ day: string; count: number }> = [
  { day: '2025-06-30', count: 63 },
  { day: '2025-07-01', count: 34 },
];

const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ReferenceKeySchema = z.string().regex(KEY_PATTERN, 'khoá tham chiếu chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang');
const SourceIdsSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const nfc = (s: string) => s === s.normalize('NFC');
const NfcText = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s, 'không được có khoảng trắng ở đầu hoặc cuối')
  .refine(nfc, 'phải viết ở dạng Unicode NFC (dấu dựng sẵn)');

const SourceSchema = z
  .object({
    id: ReferenceKeySchema,
    title: NfcText,
    url: z.url().optional(),
    usedFor: NfcText,
    checked: NfcText,
  })
  .strict();

const RowSchema = z
  .object({
    referenceKey: ReferenceKeySchema,
    code: ProvinceCodeSchema,
    name: NfcText,
    validFrom: DaySchema,
    validTo: DaySchema.nullable(),
    /** The province it became part of the day after validTo. */
    successor: ReferenceKeySchema.nullable(),
    /** For a province formed by merger: the predecessor where its political and administrative centre is. */
    seat: ReferenceKeySchema.optional(),
    /** For each fact of the row, the `sources` entries it comes from. */
    source: z.partialRecord(z.enum(['code', 'name', 'validFrom', 'validTo', 'successor', 'seat']), SourceIdsSchema),
    note: NfcText.optional(),
  })
  .strict();

const FileSchema = z
  .object({
    title: NfcText,
    version: z.string().min(1),
    notes: z.array(NfcText),
    sources: z.array(SourceSchema).min(1),
    provinces: z.array(RowSchema).min(1),
  })
  .strict();

export type ReferenceProvince = z.output<typeof RowSchema>;
export type ProvinceReference = z.output<typeof FileSchema>;

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What a file must also satisfy across rows; each message names the row. */
function crossRowIssues(file: ProvinceReference): string[] {
  const issues: string[] = [];
  const byKey = new Map<string, ReferenceProvince>();
  for (const row of file.provinces) {
    if (byKey.has(row.referenceKey)) issues.push(`"${row.referenceKey}": khoá tham chiếu bị trùng.`);
    byKey.set(row.referenceKey, row);
  }
  const sourceIds = new Set(file.sources.map((s) => s.id));
  const usedSources = new Set<string>();

  for (const row of file.provinces) {
    const at = `"${row.referenceKey}" (${row.code} ${row.name})`;
    if (row.validTo && row.validTo < row.validFrom) issues.push(`${at}: ngày hết hiệu lực ${isoDay(row.validTo)} trước ngày bắt đầu ${isoDay(row.validFrom)}.`);

    for (const ids of Object.values(row.source)) {
      for (const id of [ids].flat()) {
        usedSources.add(id);
        if (!sourceIds.has(id)) issues.push(`${at}: nguồn "${id}" không có trong danh sách sources.`);
      }
    }
    for (const fact of ['code', 'name', 'validFrom'] as const) {
      if (!row.source[fact]) issues.push(`${at}: thiếu nguồn cho ${fact}.`);
    }

    if (row.successor !== null) {
      const next = byKey.get(row.successor);
      if (!next) issues.push(`${at}: tỉnh kế thừa "${row.successor}" không có trong tệp.`);
      else if (!row.validTo) issues.push(`${at}: có tỉnh kế thừa nên phải có ngày hết hiệu lực.`);
      else if (!isInForce(next, new Date(row.validTo.getTime() + DAY_MS))) {
        issues.push(`${at}: tỉnh kế thừa "${next.referenceKey}" không có hiệu lực ngày ${isoDay(new Date(row.validTo.getTime() + DAY_MS))}, ngày sau ngày hết hiệu lực.`);
      }
      if (!row.source.successor) issues.push(`${at}: thiếu nguồn cho successor.`);
    } else if (row.validTo !== null) {
      // Every province that ended in this file merged into another; one that simply vanished is a typo.
      issues.push(`${at}: hết hiệu lực ngày ${isoDay(row.validTo)} nhưng không có tỉnh kế thừa.`);
    }

    const predecessors = file.provinces.filter((p) => p.successor === row.referenceKey);
    if (predecessors.length > 0 && !row.seat) issues.push(`${at}: hình thành do sáp nhập nên phải ghi nơi đặt trung tâm hành chính (seat).`);
    if (row.seat && !predecessors.some((p) => p.referenceKey === row.seat)) {
      issues.push(`${at}: nơi đặt trung tâm "${row.seat}" không phải một tỉnh sáp nhập vào tỉnh này.`);
    }
  }

  for (const id of sourceIds) if (!usedSources.has(id)) issues.push(`Nguồn "${id}" không được dòng nào dùng.`);

  // A code names one province on any day (codes are reused, so only per day).
  for (const [i, a] of file.provinces.entries()) {
    for (const b of file.provinces.slice(i + 1)) {
      if (a.code !== b.code) continue;
      const overlap = a.validFrom <= (b.validTo ?? new Date(8.64e15)) && b.validFrom <= (a.validTo ?? new Date(8.64e15));
      if (overlap) issues.push(`Mã ${a.code} dùng cho cả "${a.referenceKey}" và "${b.referenceKey}" trong cùng một thời gian.`);
    }
  }

  for (const { day, count } of PROVINCES_IN_FORCE) {
    const inForce = file.provinces.filter((p) => isInForce(p, new Date(`${day}T00:00:00.000Z`))).length;
    if (inForce !== count) issues.push(`Ngày ${day} có ${inForce} tỉnh, thành phố có hiệu lực, phải là ${count}.`);
  }
  return issues;
}

/** The file checked and with its days as dates; throws an Error listing every problem found. */
export function parseProvinceReference(raw: unknown): ProvinceReference {
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(tệp)'}: ${issue.message}`);
    throw new Error(`Dữ liệu tham chiếu tỉnh, thành phố không hợp lệ:\n  ${lines.join('\n  ')}`);
  }
  const issues = crossRowIssues(parsed.data);
  if (issues.length > 0) throw new Error(`Dữ liệu tham chiếu tỉnh, thành phố không hợp lệ:\n  ${issues.join('\n  ')}`);
  return parsed.data;
}

/** The shipped file, checked when this module loads. */
export const PROVINCE_REFERENCE: ProvinceReference = parseProvinceReference(provincesFile);

/** The id the loader gives the row of a reference key, so that the demo (pure) can name it too. */
export function referenceProvinceId(referenceKey: string): string {
  return `ref-province-${referenceKey}`;
}

/** The shipped row of a key; throws on a key the file does not have. */
export function referenceProvince(referenceKey: string): ReferenceProvince {
  const row = PROVINCE_REFERENCE.provinces.find((p) => p.referenceKey === referenceKey);
  if (!row) throw new Error(`No province "${referenceKey}" in prisma/reference/provinces.json`);
  return row;
}
