import { describe, expect, it } from 'vitest';

import shipped from '../../prisma/reference/provinces.json' with { type: 'json' };
import { parseProvinceReference, PROVINCE_REFERENCE, referenceProvince } from './province-data';
import { isInForce } from './validity';

type RawRow = (typeof shipped.provinces)[number] & Record<string, unknown>;

/** A copy of the shipped file with one change, to check that the change is refused. */
function broken(change: (rows: RawRow[], file: Record<string, unknown>) => void): unknown {
  const file = structuredClone(shipped) as unknown as Record<string, unknown> & { provinces: RawRow[] };
  change(file.provinces, file);
  return file;
}
const row = (rows: RawRow[], key: string) => rows.find((r) => r.referenceKey === key)!;
const refusal = (raw: unknown) => {
  try {
    parseProvinceReference(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
};
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('the shipped province file', () => {
  it('has the 63 provinces of 30 June 2025 and the 34 of 1 July 2025', () => {
    const onDay = (iso: string) => PROVINCE_REFERENCE.provinces.filter((p) => isInForce(p, day(iso)));
    expect(onDay('2025-06-30')).toHaveLength(63);
    expect(onDay('2025-07-01')).toHaveLength(34);
    expect(onDay('2026-12-31')).toHaveLength(34);
    // Nothing before the file's first day: earlier history is not recorded.
    expect(onDay('2008-07-31')).toHaveLength(0);
  });

  it('gives each province formed on 1 July 2025 the code of the predecessor where its seat is', () => {
    // Two sources checked against each other: the codes of QĐ 19/2025/QĐ-TTg and the seats of
    // Resolution 202/2025/QH15. A typo in either shows here.
    const formed = PROVINCE_REFERENCE.provinces.filter((p) => p.seat);
    expect(formed).toHaveLength(23);
    for (const p of formed) expect(`${p.referenceKey} ${p.code}`).toBe(`${p.referenceKey} ${referenceProvince(p.seat!).code}`);
    // The case the issue names: the new Bắc Ninh is seated in the former Bắc Giang.
    expect(referenceProvince('bac-ninh-2025')).toMatchObject({ code: '24', name: 'Bắc Ninh', seat: 'bac-giang' });
  });

  it('keeps one row for the 11 provinces not rearranged in 2025', () => {
    const runningOn = PROVINCE_REFERENCE.provinces.filter((p) => isInForce(p, day('2025-06-30')) && isInForce(p, day('2025-07-01')));
    expect(runningOn.map((p) => p.code).sort()).toEqual(['01', '04', '11', '12', '14', '20', '22', '38', '40', '42', '46']);
  });
});

describe('parseProvinceReference refuses a broken file, naming the row', () => {
  it('accepts the shipped file as it is', () => {
    expect(parseProvinceReference(shipped).provinces).toHaveLength(86);
  });

  it.each([
    ['a code of three digits', (rows: RawRow[]) => (row(rows, 'ha-giang').code = '002'), /provinces\.1\.code/],
    ['a code with a letter', (rows: RawRow[]) => (row(rows, 'ha-giang').code = '0A'), /provinces\.1\.code/],
    ['a day that is not in the calendar', (rows: RawRow[]) => (row(rows, 'ha-giang').validTo = '2025-06-31'), /provinces\.1\.validTo/],
    ['an unknown field', (rows: RawRow[]) => (row(rows, 'ha-giang').nmae = 'Hà Giang'), /provinces\.1/],
    ['a name typed as letter and separate tone mark', (rows: RawRow[]) => (row(rows, 'vinh-phuc').name = 'Vĩnh Phúc'.normalize('NFD')), /NFC/],
    ['a name with a trailing space', (rows: RawRow[]) => (row(rows, 'vinh-phuc').name = 'Vĩnh Phúc '), /khoảng trắng/],
  ])('%s', (_what, change, message) => {
    expect(refusal(broken(change))).toMatch(message);
  });

  it('dates out of order', () => {
    expect(refusal(broken((rows) => (row(rows, 'thai-binh').validTo = '2008-07-31')))).toMatch(/"thai-binh" \(34 Thái Bình\): ngày hết hiệu lực 2008-07-31 trước ngày bắt đầu 2008-08-01/);
  });

  it('a successor that does not exist', () => {
    expect(refusal(broken((rows) => (row(rows, 'thai-binh').successor = 'thai-binh-2025')))).toMatch(/"thai-binh".*"thai-binh-2025" không có trong tệp/);
  });

  it('a successor not in force the day after the predecessor ends', () => {
    const message = refusal(broken((rows) => (row(rows, 'hung-yen-2025').validFrom = '2025-07-02')));
    expect(message).toMatch(/"thai-binh".*"hung-yen-2025" không có hiệu lực ngày 2025-07-01/);
    expect(message).toMatch(/"hung-yen".*"hung-yen-2025" không có hiệu lực ngày 2025-07-01/);
  });

  it('a province that ends without a successor', () => {
    expect(refusal(broken((rows) => (row(rows, 'ha-nam').successor = null)))).toMatch(/"ha-nam".*không có tỉnh kế thừa/);
  });

  it('a missing province, counted on the day the lists are known', () => {
    const message = refusal(broken((rows) => rows.splice(rows.indexOf(row(rows, 'cao-bang')), 1)));
    expect(message).toMatch(/Ngày 2025-06-30 có 62 tỉnh, thành phố có hiệu lực, phải là 63/);
    expect(message).toMatch(/Ngày 2025-07-01 có 33 tỉnh, thành phố có hiệu lực, phải là 34/);
  });

  it('one code for two provinces at the same time', () => {
    expect(refusal(broken((rows) => (row(rows, 'bac-ninh-2025').code = '25')))).toMatch(/Mã 25 dùng cho cả "phu-tho-2025" và "bac-ninh-2025"/);
  });

  it('a repeated reference key', () => {
    expect(refusal(broken((rows) => (row(rows, 'ha-giang').referenceKey = 'ha-noi')))).toMatch(/"ha-noi": khoá tham chiếu bị trùng/);
  });

  it('a seat that is not one of the predecessors', () => {
    expect(refusal(broken((rows) => (row(rows, 'bac-ninh-2025').seat = 'ha-noi')))).toMatch(/"bac-ninh-2025".*"ha-noi" không phải một tỉnh sáp nhập/);
  });

  it('a fact without a source, or a source that is not listed', () => {
    expect(refusal(broken((rows) => delete (row(rows, 'ha-giang').source as Record<string, unknown>).code))).toMatch(/"ha-giang".*thiếu nguồn cho code/);
    expect(refusal(broken((rows) => ((row(rows, 'ha-giang').source as Record<string, unknown>).code = 'wikipedia')))).toMatch(/"ha-giang".*nguồn "wikipedia" không có/);
  });
});
