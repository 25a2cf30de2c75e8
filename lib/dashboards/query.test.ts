import { describe, expect, it } from 'vitest';
import { dashboardQueryProblem, dashboardSearch, parseDashboardQuery } from './query';

describe('parseDashboardQuery', () => {
  it('gives the defaults for an empty or malformed query', () => {
    const defaults = { periodCode: null, year: null, approvedOnly: false, view: 'reported', model: 'FAMILY' };
    expect(parseDashboardQuery({})).toEqual(defaults);
    expect(parseDashboardQuery({ ky: '2022S3', nam: '22', duyet: 'yes', xem: 'x', 'mo-hinh': 'HOUSE' })).toEqual(defaults);
    expect(parseDashboardQuery({ ky: ['2022S1', '2022S2'] })).toEqual(defaults);
  });

  it('reads a period, or a year that takes precedence, and the switches', () => {
    expect(parseDashboardQuery({ ky: '2022S1', duyet: '1', xem: 'hien-nay', 'mo-hinh': 'CLAN' })).toEqual({
      periodCode: '2022S1',
      year: null,
      approvedOnly: true,
      view: 'current',
      model: 'CLAN',
    });
    expect(parseDashboardQuery({ ky: '2022S1', nam: '2023' })).toMatchObject({ periodCode: null, year: 2023 });
  });
});

describe('dashboardSearch', () => {
  it('round-trips through parseDashboardQuery', () => {
    const q = { periodCode: '2024S2', year: null, approvedOnly: true, view: 'current' as const, model: 'UNIT' as const };
    const search = dashboardSearch(q);
    expect(search).toBe('?ky=2024S2&duyet=1&xem=hien-nay&mo-hinh=UNIT');
    expect(parseDashboardQuery(Object.fromEntries(new URLSearchParams(search)))).toEqual(q);
    expect(dashboardSearch({ year: 2023, periodCode: '2023S1' })).toBe('?nam=2023');
    expect(dashboardSearch({})).toBe('');
  });
});

describe('dashboardQueryProblem', () => {
  it('names a malformed period or year, and accepts them absent, empty or well formed', () => {
    expect(dashboardQueryProblem({ ky: '2022S3' })).toBe('Tham số ky không hợp lệ: “2022S3”. Kỳ báo cáo có dạng 2022S1 hoặc 2022S2.');
    expect(dashboardQueryProblem({ nam: '22' })).toBe('Tham số nam không hợp lệ: “22”. Năm có dạng 2022.');
    expect(dashboardQueryProblem({ ky: ['2022S1', '2022S2'] })).toBe('Tham số ky chỉ được có một giá trị. Kỳ báo cáo có dạng 2022S1 hoặc 2022S2.');
    expect(dashboardQueryProblem({ ky: 'x'.repeat(500) })).toBe(`Tham số ky không hợp lệ: “${'x'.repeat(40)}…”. Kỳ báo cáo có dạng 2022S1 hoặc 2022S2.`);
    for (const ok of [{}, { ky: '' }, { ky: '2022S1' }, { nam: '2023', duyet: 'yes' }]) expect(dashboardQueryProblem(ok)).toBeNull();
  });
});
