// The figures of one province report, and the zod schema that turns what arrives from a form,
// the JSON API or a half-filled draft into them. Everything here is derived from the catalogue
// in report-fields.ts: adding a figure there adds it to the schema, the JSON, the form values
// and the audit diff.

import { z } from 'zod';
import type { AwardKind, FundSource, LearningModel, RecipientGroup } from '../domain';
import { PARSE_INTEGER_REASONS, formatInteger, parseVietnameseInteger } from '../format';
import { REPORT_FIELDS, REPORT_GROUP_LABELS, reportField, type ReportField } from './fields';

export type ModelValues = { total: number | null; registered: number | null; recognised: number | null };

export type ReportData = {
  models: Record<LearningModel, ModelValues>;
  fund: {
    opening: bigint | null;
    mobilised: Record<FundSource, bigint | null>;
    spent: bigint | null;
    closing: bigint | null;
  };
  awards: Record<AwardKind, Record<RecipientGroup, { recipients: number | null; amount: bigint | null }>>;
  membership: { members: number | null; newMembers: number | null; branches: number | null };
  centres: { centres: number | null; classes: number | null; learners: number | null };
  narrative: { results: string; limitations: string; plan: string };
};

/** ReportData as sent over JSON: amounts are plain numbers (exact, see MAX_AMOUNT). */
export type ReportDataJson = {
  models: Record<LearningModel, ModelValues>;
  fund: {
    opening: number | null;
    mobilised: Record<FundSource, number | null>;
    spent: number | null;
    closing: number | null;
  };
  awards: Record<AwardKind, Record<RecipientGroup, { recipients: number | null; amount: number | null }>>;
  membership: ReportData['membership'];
  centres: ReportData['centres'];
  narrative: ReportData['narrative'];
};

/** No count in a province exceeds Vietnam's population. Fits the database's Int column. */
export const MAX_COUNT = 100_000_000;
/**
 * 1 million billion VND: far above any province's fund, and below 2^53, so every amount (and
 * the sum of a few of them) is exact as a JavaScript number and can travel as a JSON number.
 */
export const MAX_AMOUNT = 10n ** 15n;
/** Characters (code points) of one narrative text. */
export const MAX_TEXT = 10_000;

type FieldValue = number | bigint | string | null;
type PlainObject = Record<string, unknown>;

function isPlainObject(v: unknown): v is PlainObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function segments(path: string): string[] {
  return path.split('.');
}

function setIn(target: PlainObject, path: string, value: unknown): void {
  const keys = segments(path);
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as PlainObject;
  }
  node[keys[keys.length - 1]] = value;
}

function emptyValue(field: ReportField): FieldValue {
  return field.kind === 'text' ? '' : null;
}

/** A report with nothing entered: every figure null, every text ''. */
export function emptyReportData(): ReportData {
  const data: PlainObject = {};
  for (const field of REPORT_FIELDS) setIn(data, field.path, emptyValue(field));
  return data as ReportData;
}

/** The value of one catalogue figure. Throws on a path that is not in the catalogue. */
export function getFieldValue(d: ReportData, path: string): number | bigint | string | null {
  reportField(path);
  let node: unknown = d;
  for (const key of segments(path)) {
    if (!isPlainObject(node)) return null;
    node = node[key];
  }
  return (node ?? null) as FieldValue;
}

// ---------------------------------------------------------------------------------------------
// Parsing one figure

/** Why a figure was refused, phrased to follow its label ("Số hội viên: không được âm."). */
export const FIELD_REASONS = {
  NOT_A_NUMBER: 'phải là một số',
  NOT_FINITE: 'không phải là số hợp lệ',
  NOT_TEXT: 'phải là văn bản',
  NOT_AN_OBJECT: 'dữ liệu không đúng dạng (phải là một đối tượng)',
} as const;

function tooLargeReason(max: bigint): string {
  return `số quá lớn (tối đa ${formatInteger(max)})`;
}

function textTooLongReason(length: number): string {
  return `quá dài (tối đa ${formatInteger(MAX_TEXT)} ký tự, hiện có ${formatInteger(length)})`;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseWholeNumber(input: unknown, max: bigint): Parsed<bigint | null> {
  let value: bigint;
  if (input === undefined || input === null) return { ok: true, value: null };
  if (typeof input === 'string') {
    if (input.trim() === '') return { ok: true, value: null };
    const parsed = parseVietnameseInteger(input);
    if (!parsed.ok) {
      // Say the real limit rather than "20 digits": the user needs to know what is allowed here.
      const reason = parsed.reason === PARSE_INTEGER_REASONS.TOO_LARGE ? tooLargeReason(max) : parsed.reason;
      return { ok: false, reason };
    }
    value = parsed.value;
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: FIELD_REASONS.NOT_FINITE };
    if (input < 0) return { ok: false, reason: PARSE_INTEGER_REASONS.NEGATIVE };
    if (!Number.isInteger(input)) return { ok: false, reason: PARSE_INTEGER_REASONS.DECIMAL };
    // A number above 2^53 was already rounded by JSON.parse: refuse it before converting.
    if (input > Number(max)) return { ok: false, reason: tooLargeReason(max) };
    value = BigInt(input); // also turns -0 into 0
  } else if (typeof input === 'bigint') {
    if (input < 0n) return { ok: false, reason: PARSE_INTEGER_REASONS.NEGATIVE };
    value = input;
  } else {
    return { ok: false, reason: FIELD_REASONS.NOT_A_NUMBER };
  }
  if (value > max) return { ok: false, reason: tooLargeReason(max) };
  return { ok: true, value };
}

function parseText(input: unknown): Parsed<string> {
  if (input === undefined || input === null) return { ok: true, value: '' };
  if (typeof input !== 'string') return { ok: false, reason: FIELD_REASONS.NOT_TEXT };
  // NFC: some keyboards produce combining diacritics; CRLF: browsers post textareas with \r\n.
  const text = input.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const length = Array.from(text).length;
  if (length > MAX_TEXT) return { ok: false, reason: textTooLongReason(length) };
  return { ok: true, value: text };
}

function parseByField(field: ReportField, input: unknown): Parsed<FieldValue> {
  switch (field.kind) {
    case 'text':
      return parseText(input);
    case 'count': {
      const r = parseWholeNumber(input, BigInt(MAX_COUNT));
      return r.ok ? { ok: true, value: r.value === null ? null : Number(r.value) } : r;
    }
    case 'amount':
      return parseWholeNumber(input, MAX_AMOUNT);
  }
}

/**
 * Parses one figure as typed or sent (what the schema does for each field), for validating an
 * input as the user types. Empty input is accepted as null / ''. The message names the field:
 * "Số hội viên: không được âm.". Throws on a path not in the catalogue.
 */
export function parseFieldValue(
  path: string,
  input: unknown,
): { ok: true; value: FieldValue } | { ok: false; message: string } {
  const field = reportField(path);
  const r = parseByField(field, input);
  return r.ok ? r : { ok: false, message: `${field.label}: ${r.reason}.` };
}

// ---------------------------------------------------------------------------------------------
// The schema, built from the catalogue

function leafSchema(field: ReportField): z.ZodType {
  // optional(): a missing key reaches the transform as undefined (a draft may omit figures).
  return z
    .unknown()
    .optional()
    .transform((input, ctx) => {
      const r = parseByField(field, input);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: `${field.label}: ${r.reason}.` });
      return z.NEVER;
    });
}

type Tree = Map<string, Tree | ReportField>;

function buildTree(fields: readonly ReportField[]): Tree {
  const root: Tree = new Map();
  for (const field of fields) {
    const keys = segments(field.path);
    let node = root;
    for (const key of keys.slice(0, -1)) {
      let child = node.get(key);
      if (!(child instanceof Map)) {
        child = new Map();
        node.set(key, child);
      }
      node = child;
    }
    node.set(keys[keys.length - 1], field);
  }
  return root;
}

function shapeOf(tree: Tree, prefix: string): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of tree) {
    const path = prefix ? `${prefix}.${key}` : key;
    shape[key] = child instanceof Map ? groupSchema(child, path) : leafSchema(child);
  }
  return shape;
}

function groupSchema(tree: Tree, path: string): z.ZodType {
  const label = REPORT_GROUP_LABELS.get(path) ?? path;
  // A missing or null group is a draft that has not reached it: all its figures empty.
  // Unknown keys inside a group are dropped (z.object strips them).
  return z.preprocess(
    (v) => (v === undefined || v === null ? {} : v),
    z.object(shapeOf(tree, path), {
      error: (issue) => (issue.code === 'invalid_type' ? `${label}: ${FIELD_REASONS.NOT_AN_OBJECT}.` : undefined),
    }),
  );
}

/** Message for a body that is not an object at all (issue path []). */
export const REPORT_NOT_AN_OBJECT = 'Dữ liệu báo cáo không đúng dạng (phải là một đối tượng).';

function unknownSectionsMessage(keys: readonly PropertyKey[]): string {
  return `Dữ liệu báo cáo có mục không xác định: ${keys.map((k) => `“${String(k)}”`).join(', ')}.`;
}

/**
 * Parses a report from a JSON API body (numbers or null), a form (strings typed the Vietnamese
 * way, "" meaning empty) or a partial draft (missing figures become null / ''). Refusals carry
 * the catalogue path (`issue.path.join('.')`) and a Vietnamese message naming the figure.
 * Unknown top-level keys are refused (a misspelt section would otherwise save an empty one);
 * unknown keys inside a section are ignored.
 */
export const ReportDataSchema = z.strictObject(shapeOf(buildTree(REPORT_FIELDS), ''), {
  error: (issue) => {
    if (issue.code === 'unrecognized_keys') return unknownSectionsMessage(issue.keys);
    if (issue.code === 'invalid_type') return REPORT_NOT_AN_OBJECT;
    return undefined;
  },
}) as unknown as z.ZodType<ReportData, unknown>;

/** First message per field path ("models.FAMILY.registered"); an error about the whole body is under "". */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * Rebuilds the nested input of ReportDataSchema from flat form values keyed by catalogue path
 * (`Object.fromEntries(formData)`). Keys that are not catalogue paths ($ACTION_ID, version…)
 * are left out.
 */
export function unflattenReportInput(flat: Record<string, unknown>): Record<string, unknown> {
  const nested: PlainObject = {};
  for (const field of REPORT_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(flat, field.path)) setIn(nested, field.path, flat[field.path]);
  }
  return nested;
}

// ---------------------------------------------------------------------------------------------
// Conversions

function amountToNumber(path: string, v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${path}: ${v} is not exactly representable as a JSON number`);
  }
  return Number(v);
}

/** Amounts as numbers (exact: amounts are at most MAX_AMOUNT < 2^53); nulls kept. */
export function reportDataToJson(d: ReportData): ReportDataJson {
  const json: PlainObject = {};
  for (const field of REPORT_FIELDS) {
    const v = getFieldValue(d, field.path);
    setIn(json, field.path, typeof v === 'bigint' ? amountToNumber(field.path, v) : v);
  }
  return json as ReportDataJson;
}

/**
 * Values for the form's inputs, keyed by catalogue path: numbers with vi-VN grouping
 * ("1.234.567", which ReportDataSchema reads back), '' for an empty figure, texts as they are.
 */
export function flattenReportData(d: ReportData): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const field of REPORT_FIELDS) {
    const v = getFieldValue(d, field.path);
    flat[field.path] = v === null ? '' : typeof v === 'string' ? v : formatInteger(v);
  }
  return flat;
}

// The audit log stores plain digits ("1234567"), and null for an empty figure or text.
function auditValue(v: FieldValue): string | null {
  if (v === null || v === '') return null;
  return String(v);
}

/** Changed figures in catalogue order, values as stored in the audit log. */
export function diffReportData(
  before: ReportData,
  after: ReportData,
): Array<{ path: string; before: string | null; after: string | null }> {
  const changes: Array<{ path: string; before: string | null; after: string | null }> = [];
  for (const field of REPORT_FIELDS) {
    const a = auditValue(getFieldValue(before, field.path));
    const b = auditValue(getFieldValue(after, field.path));
    if (a !== b) changes.push({ path: field.path, before: a, after: b });
  }
  return changes;
}
