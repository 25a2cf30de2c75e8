import { describe, expect, it } from 'vitest';
import { getClusterOverview, latestReportedPeriodCode, listClusters } from '../../lib/reference/clusters';
import { registrationRate, sumFigures } from '../../lib/dashboards/metrics';
import { LEARNING_MODELS } from '../../lib/domain';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

async function cum3Id() {
  const clusters = await listClusters(ctx.db);
  return clusters.find((c) => c.code === 'CUM3')!.id;
}

describe('getClusterOverview', () => {
  it('gives the article figures for 2022S1 and the eight member provinces', async () => {
    const overview = (await getClusterOverview(ctx.db, { clusterId: await cum3Id(), periodCode: '2022S1' }))!;
    expect(overview.provinces.map((p) => p.code).sort()).toEqual(['01', '26', '27', '33', '34', '35', '36', '37']);
    const byCode = new Map(overview.provinces.map((p) => [p.code, p]));
    expect(registrationRate(byCode.get('26')!.models.FAMILY!)).toBe(0.9981);
    expect(registrationRate(byCode.get('34')!.models.FAMILY!)).toBe(0.94);
    expect(registrationRate(byCode.get('27')!.models.FAMILY!)).toBe(0.92);
    expect(overview.leader).toEqual({ name: 'Thái Bình', termLabel: '2021–2026' });
    expect(overview.provinces.every((p) => p.report?.status === 'APPROVED')).toBe(true);
  });

  it('sums the cluster in the database as Σ registered / Σ total, not an average of rates', async () => {
    const overview = (await getClusterOverview(ctx.db, { clusterId: await cum3Id(), periodCode: '2022S1' }))!;
    for (const model of LEARNING_MODELS) {
      const expected = sumFigures(overview.provinces.map((p) => p.models[model]!));
      expect(overview.totals[model]).toEqual(expected);
    }
    const rates = overview.provinces.map((p) => registrationRate(p.models.FAMILY!)!);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(registrationRate(overview.totals.FAMILY)).not.toBeCloseTo(mean, 6);
  });

  it('lists the five successor provinces from 2025S2, with Hưng Yên leading', async () => {
    const overview = (await getClusterOverview(ctx.db, { clusterId: await cum3Id(), periodCode: '2025S2' }))!;
    expect(overview.provinces.map((p) => p.name).sort()).toEqual(['Bắc Ninh', 'Hà Nội', 'Hưng Yên', 'Ninh Bình', 'Phú Thọ']);
    expect(overview.leader?.name).toBe('Hưng Yên');
  });

  it('shows no data, not 0 % or NaN, for the open period without reports', async () => {
    const overview = (await getClusterOverview(ctx.db, { clusterId: await cum3Id(), periodCode: '2026S2' }))!;
    expect(overview.provinces).toHaveLength(5);
    expect(overview.provinces.every((p) => p.report === null && p.models.FAMILY === null)).toBe(true);
    expect(overview.totals.FAMILY).toEqual({ total: 0, registered: 0, recognised: 0 });
    expect(registrationRate(overview.totals.FAMILY)).toBeNull();
  });

  it('returns null for an unknown period', async () => {
    expect(await getClusterOverview(ctx.db, { clusterId: await cum3Id(), periodCode: '2030S1' })).toBeNull();
  });

  it('defaults to the latest period with reports', async () => {
    expect(await latestReportedPeriodCode(ctx.db, await cum3Id())).toBe('2026S1');
  });
});
