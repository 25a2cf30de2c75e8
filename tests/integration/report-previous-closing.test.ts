// The opening fund balance a report is offered: the previous approved report's closing balance,
// or for a province formed by the 2025 mergers its predecessors' closing balances added up.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { getReportView } from '../../lib/reports/store';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DURING = new Date('2026-11-25T03:00:00Z');

async function user(email: string): Promise<SessionUser> {
  return ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
}

const closingOf = (code: string, current: boolean, periodCode: string) =>
  ctx.db.report.findFirstOrThrow({
    where: { province: { code, validTo: current ? null : { not: null } }, period: { code: periodCode } },
    select: { id: true, fundClosing: true, province: { select: { name: true } } },
  });

describe('previous closing balance', () => {
  it("offers the province's own approved closing balance of the period before", async () => {
    const previous = await closingOf('33', true, '2026S1');
    const view = await getReportView(ctx.db, await user('hungyen@demo.khuyenhoc.vn'), { provinceCode: '33', periodCode: '2026S2' }, DURING);
    expect(view.previousClosing).toEqual({ periodCode: '2026S1', amount: previous.fundClosing, mergedFrom: [] });
  });

  it('adds up the closing balances of the provinces merged into it, and names them', async () => {
    const predecessors = await ctx.db.report.findMany({
      where: { period: { code: '2025S1' }, province: { successor: { code: '33', validTo: null } } },
      select: { fundClosing: true, province: { select: { name: true } } },
    });
    expect(predecessors.length).toBeGreaterThan(1);
    const view = await getReportView(ctx.db, await user('hungyen@demo.khuyenhoc.vn'), { provinceCode: '33', periodCode: '2025S2' }, DURING);
    expect(view.previousClosing?.amount).toBe(predecessors.reduce((s, r) => s + r.fundClosing!, 0n));
    expect(view.previousClosing?.mergedFrom.toSorted()).toEqual(predecessors.map((r) => r.province.name).toSorted());
  });

  it('offers nothing while the previous report is not approved: its figure may still change', async () => {
    const previous = await closingOf('33', true, '2026S1');
    await ctx.db.report.update({ where: { id: previous.id }, data: { status: 'SUBMITTED' } });
    const view = await getReportView(ctx.db, await user('hungyen@demo.khuyenhoc.vn'), { provinceCode: '33', periodCode: '2026S2' }, DURING);
    expect(view.previousClosing).toBeNull();
    await ctx.db.report.update({ where: { id: previous.id }, data: { status: 'APPROVED' } });
  });
});
