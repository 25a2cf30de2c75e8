import { describe, expect, it } from 'vitest';
import { clusterIdsOfProvince, listProvinceReports, provinceScope } from '../../lib/reference/provinces';
import type { SessionUser } from '../../lib/permissions';
import { getProvinceHome } from '../../lib/reports/province-home';
import { getReportView } from '../../lib/reports/store';
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

describe('getProvinceHome', () => {
  const staffOf = async (id: string): Promise<SessionUser> => ({ id: 'u', email: 'x@tinh.vn', name: 'X', role: 'PROVINCE_STAFF', provinceId: id, clusterId: null });
  const now = new Date('2026-12-01T03:00:00Z');

  it('offers entry only where the server would accept a save: the open period of the own province', async () => {
    const hungYen = await provinceId(ctx.db, '33', true);
    const user = await staffOf(hungYen);
    const home = await getProvinceHome(ctx.db, user, now);
    expect(home?.province.code).toBe('33');
    const editable = home!.rows.filter((r) => r.canEdit).map((r) => `${r.periodCode} ${r.province.code}`);
    expect(editable).toEqual(['2026S2 33']);
    // The page's answer and the server's agree for every row.
    for (const row of home!.rows) {
      const view = await getReportView(ctx.db, user, { provinceCode: row.province.code, periodCode: row.periodCode }, now).catch(() => null);
      expect(view?.allowed.EDIT.allowed ?? false).toBe(row.canEdit);
    }
  });

  it('offers nothing to the staff of a province merged away, and no home to anyone else', async () => {
    const thaiBinh = await provinceId(ctx.db, '34', false);
    const home = await getProvinceHome(ctx.db, await staffOf(thaiBinh), now);
    expect(home!.rows.length).toBeGreaterThan(0);
    expect(home!.rows.some((r) => r.canEdit)).toBe(false);
    const leader: SessionUser = { id: 'l', email: 'l@cum.vn', name: 'L', role: 'CLUSTER_LEADER', provinceId: null, clusterId: 'c' };
    expect(await getProvinceHome(ctx.db, leader, now)).toBeNull();
  });
});
