import { describe, expect, it } from 'vitest';
import { latestReportedPeriodCode, listClusters } from '../../lib/reference/clusters';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

async function cum3Id() {
  const clusters = await listClusters(ctx.db);
  return clusters.find((c) => c.code === 'CUM3')!.id;
}

describe('latestReportedPeriodCode', () => {
  it('defaults to the latest period with reports', async () => {
    expect(await latestReportedPeriodCode(ctx.db, await cum3Id())).toBe('2026S1');
  });
});
