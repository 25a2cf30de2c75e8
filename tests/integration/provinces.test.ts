import { describe, expect, it } from 'vitest';
import { clusterIdsOfProvince, listProvinceReports, provinceScope } from '../../lib/reference/provinces';
import { provinceId, useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

describe('provinceScope', () => {
  it('covers a merged province and all its predecessors', async () => {
    const hungYen = await provinceId(ctx.db, '33', true);
    const scope = await provinceScope(ctx.db, hungYen);
    const codes = (await ctx.db.province.findMany({ where: { id: { in: scope } }, select: { code: true } })).map((p) => p.code).sort();
    expect(codes).toEqual(['33', '33', '34']);
  });

  it('covers only itself for a province merged away', async () => {
    const thaiBinh = await provinceId(ctx.db, '34', false);
    expect(await provinceScope(ctx.db, thaiBinh)).toEqual([thaiBinh]);
  });

  it('knows the clusters a province belonged to', async () => {
    const thaiBinh = await provinceId(ctx.db, '34', false);
    const cum3 = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } });
    expect(await clusterIdsOfProvince(ctx.db, thaiBinh)).toEqual([cum3.id]);
  });
});

describe('listProvinceReports', () => {
  it("lists every period of the current province, newest first, and its predecessors' reports", async () => {
    const hungYen = await provinceId(ctx.db, '33', true);
    const rows = await listProvinceReports(ctx.db, { ownProvinceId: hungYen, provinceIds: await provinceScope(ctx.db, hungYen) });
    expect(rows[0]).toMatchObject({ periodCode: '2026S2', province: { code: '33' }, report: null });
    expect(rows.filter((r) => r.province.code === '34')).toHaveLength(9);
    expect(rows.filter((r) => r.province.id === hungYen).map((r) => r.periodCode)).toEqual(['2026S2', '2026S1', '2025S2']);
    expect(rows.every((r) => r.province.id === hungYen || r.report?.status === 'APPROVED')).toBe(true);
  });

  it('lists only the own history of a province merged away', async () => {
    const thaiBinh = await provinceId(ctx.db, '34', false);
    const rows = await listProvinceReports(ctx.db, { ownProvinceId: thaiBinh, provinceIds: [thaiBinh] });
    expect(rows.map((r) => r.periodCode)).toEqual([
      '2025S1', '2024S2', '2024S1', '2023S2', '2023S1', '2022S2', '2022S1', '2021S2', '2021S1',
    ]);
  });
});
