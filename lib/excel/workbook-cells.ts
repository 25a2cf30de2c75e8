import 'server-only';
import type ExcelJS from 'exceljs';
import { formatDate, formatInteger } from '../format';
import { cleanText } from '../text-hygiene';
import type { FieldKind } from '../reports/fields';

/**
 * What one spreadsheet cell holds, as input for the report schema: a number or a string
 * (which the schema reads the Vietnamese way, "1.234.567" or "1 234 567"), nothing, or a
 * refusal saying what is in the cell instead. A formula gives its cached result (the value
 * Excel computed when the file was last saved), with a note saying so.
 */
export type CellReading =
  | { kind: 'empty' }
  | { kind: 'value'; value: string | number; note?: string }
  | { kind: 'refused'; reason: string };

type Plain = ExcelJS.CellValue;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function plainReading(value: Plain, fieldKind: FieldKind): CellReading {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    if (fieldKind === 'text') return { kind: 'value', value: String(value) };
    return { kind: 'value', value };
  }
  if (typeof value === 'string') {
    // As a form's fields are (lib/text-hygiene.ts): Excel keeps a NUL or a bidirectional control
    // pasted into a cell (saved as _x0000_), and PostgreSQL cannot store a NUL.
    const text = cleanText(value);
    return text.trim() === '' ? { kind: 'empty' } : { kind: 'value', value: text };
  }
  if (typeof value === 'boolean') return { kind: 'refused', reason: `ô chứa giá trị logic ${value ? 'TRUE' : 'FALSE'}, không phải số` };
  if (value instanceof Date) {
    // A large number in a cell formatted as a date (an amount of 185 billion) is past any
    // date JavaScript can hold: ExcelJS gives an Invalid Date, which must not be formatted.
    const date = Number.isNaN(value.getTime()) ? null : formatDate(value);
    if (fieldKind === 'text' && date) return { kind: 'value', value: date };
    return {
      kind: 'refused',
      reason: date
        ? `ô chứa ngày tháng (${date}), không phải số; có thể ô đang định dạng kiểu Ngày: hãy đổi định dạng ô sang Số và nhập lại`
        : 'ô đang định dạng kiểu Ngày nhưng giá trị không phải ngày hợp lệ; hãy đổi định dạng ô sang Số và nhập lại',
    };
  }
  if (isObject(value)) {
    if ('richText' in value && Array.isArray(value.richText)) {
      return plainReading(value.richText.map((r: { text?: string }) => r.text ?? '').join(''), fieldKind);
    }
    if ('error' in value) return { kind: 'refused', reason: `ô chứa giá trị lỗi ${String(value.error)}` };
    if ('hyperlink' in value) return plainReading((value as { text?: Plain }).text ?? null, fieldKind);
  }
  return { kind: 'refused', reason: 'không đọc được nội dung ô' };
}

function shown(value: string | number): string {
  return typeof value === 'number' && Number.isSafeInteger(value) ? formatInteger(value) : String(value);
}

/** Reads a figure's cell; merged cells are refused (a merge hides which figure a value is). */
export function readFigureCell(cell: ExcelJS.Cell, fieldKind: FieldKind): CellReading {
  if (cell.isMerged) {
    return { kind: 'refused', reason: 'ô nằm trong vùng ô gộp (Merge); hãy bỏ gộp để mỗi số liệu nằm trong một ô riêng' };
  }
  const value = cell.value;
  if (isObject(value) && ('formula' in value || 'sharedFormula' in value)) {
    const formula = `=${cell.formula ?? (value as { formula?: string }).formula ?? ''}`;
    const result = (value as { result?: Plain }).result;
    if (result === undefined || result === null) {
      return {
        kind: 'refused',
        reason: `ô chứa công thức “${formula}” nhưng tệp không lưu kết quả đã tính. Hãy mở tệp bằng Excel và lưu lại, hoặc nhập số trực tiếp`,
      };
    }
    if (isObject(result) && 'error' in result) return { kind: 'refused', reason: `công thức “${formula}” cho kết quả lỗi ${String(result.error)}` };
    const reading = plainReading(result, fieldKind);
    if (reading.kind !== 'value') return reading;
    return { ...reading, note: `ô chứa công thức “${formula}”; đã dùng kết quả Excel tính sẵn: ${shown(reading.value)}` };
  }
  return plainReading(value, fieldKind);
}

/** A heading, a row label or an identifying value as text ('' when empty), cleaned as figures' cells are. */
export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return cleanText(value).trim();
  if (typeof value === 'number') return String(value);
  if (isObject(value) && 'result' in value) {
    const result = (value as { result?: unknown }).result;
    return typeof result === 'string' || typeof result === 'number' ? cleanText(String(result)).trim() : '';
  }
  const reading = plainReading(value, 'text');
  return reading.kind === 'value' ? String(reading.value).trim() : '';
}
