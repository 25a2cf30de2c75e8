// A table as exported to CSV and XLSX: Vietnamese headings, typed columns, and
// the numbers behind every rate (the exporters never format a rate without
// its numerator and denominator columns beside it).

export type ColumnKind = 'text' | 'count' | 'vnd' | 'rate';

export type ExportColumn = { key: string; header: string; kind: ColumnKind };

export type ExportCell = string | number | bigint | null;

export type ExportTable = {
  /** Sheet name and file title, e.g. "Cụm III – 6 tháng đầu năm 2022". */
  title: string;
  columns: ExportColumn[];
  rows: Array<Record<string, ExportCell>>;
  /** Lines printed under the table (rules, sources). */
  notes?: string[];
};

function csvField(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * CSV for machines and for Excel alike: UTF-8 with a byte-order mark (so Excel
 * shows the diacritics), comma-separated, numbers unformatted (rates as
 * fractions with a dot, amounts as whole dong), empty for "no data".
 */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((c) => {
          const v = row[c.key];
          if (v === null || v === undefined) return '';
          return csvField(typeof v === 'string' ? v : String(v));
        })
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file name without diacritics or spaces, e.g. "cum-iii-2022s1.csv". */
export function exportFileName(title: string, extension: 'csv' | 'xlsx'): string {
  const ascii = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${ascii || 'bao-cao'}.${extension}`;
}
