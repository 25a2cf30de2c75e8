// The administration log page's data: audit rows newest first, filtered by object and by
// Vietnamese calendar days, a page at a time, in one query; administrators only.
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { SessionUser } from '../../lib/permissions';
import { listAuditLog } from '../../lib/platform/audit-log';
import { AUDIT_PAGE_SIZE, type AuditLogFilter } from '../../lib/platform/audit-log-view';
import { seedDemo } from '../../prisma/seed';
import { demo } from '../helpers/api';
import { refusal } from '../helpers/refusal';
import { createTestDb } from '../helpers/test-db';
import { afterAll, beforeAll } from 'vitest';

// Its own database, counting the queries each call sends.
let db: PrismaClient;
let close: () => Promise<void>;
let sent = 0;
beforeAll(async () => {
  const t = await createTestDb({ onQuery: () => sent++ });
  db = t.db;
  close = t.close;
  await seedDemo(db, { bcryptRounds: 4 });
});
afterAll(async () => close?.());

const sessionUser = (email: string): Promise<SessionUser> =>
  db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
const ALL: AuditLogFilter = { object: null, from: null, to: null, page: 1 };
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function queries<T>(call: () => Promise<T>): Promise<{ result: T; queries: number }> {
  sent = 0;
  const result = await call();
  return { result, queries: sent };
}

describe('the administration log', () => {
  it('lists the rows newest first, a page at a time, in one query, with who did what to which report', async () => {
    const admin = await sessionUser(demo('admin'));
    const { result: first, queries: q } = await queries(() => listAuditLog(db, admin, ALL));
    expect(q).toBe(1);
    const total = await db.auditLog.count();
    expect(first).toMatchObject({ total, page: 1, pages: Math.ceil(total / AUDIT_PAGE_SIZE) });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const ids = first.entries.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : -1)));
    // The seed's last row, then its reports' status changes, named by province and period.
    expect(first.entries[0]).toMatchObject({ what: 'Nạp dữ liệu mẫu', actor: null });
    const approval = first.entries.find((e) => e.what === 'Duyệt báo cáo')!;
    expect(approval).toMatchObject({ object: 'Báo cáo', oldValue: 'SUBMITTED', newValue: 'APPROVED', actor: { email: demo('cum3') } });
    expect(approval.about).toMatch(/^.+ – 20\d\dS[12]$/);

    const second = await listAuditLog(db, admin, { ...ALL, page: 2 });
    expect(BigInt(second.entries[0].id)).toBeLessThan(ids[ids.length - 1]);
  });

  it('filters by object and by days in Vietnam', async () => {
    const admin = await sessionUser(demo('admin'));
    // One target row at 23:30 on 1 December in Vietnam (16:30 UTC), one just after midnight on the 2nd
    // (years ahead, after every row the seed wrote with the clock).
    await db.auditLog.createMany({
      data: [
        { action: 'target.update', entityType: 'NationalTarget', entityId: 'qd387-2025-clan', field: 'rateBp', oldValue: '65 %', newValue: '66 %', actorId: admin.id, at: new Date('2031-12-01T16:30:00Z') },
        { action: 'target.update', entityType: 'NationalTarget', entityId: 'qd387-2025-clan', field: 'rateBp', oldValue: '66 %', newValue: '65 %', actorId: admin.id, at: new Date('2031-12-01T17:10:00Z') },
      ],
    });
    const targets = await listAuditLog(db, admin, { ...ALL, object: 'muc-tieu' });
    expect(targets.entries.every((e) => e.object === 'Mục tiêu quốc gia')).toBe(true);
    expect(targets.entries.map((e) => e.what)).toEqual(['Sửa mục tiêu', 'Sửa mục tiêu', 'Nạp mục tiêu quốc gia kèm theo cổng']);
    const onFirst = await listAuditLog(db, admin, { ...ALL, object: 'muc-tieu', from: day('2031-12-01'), to: day('2031-12-01') });
    expect(onFirst.entries.map((e) => e.newValue)).toEqual(['66 %']);
    const onSecond = await listAuditLog(db, admin, { ...ALL, from: day('2031-12-02') });
    expect(onSecond.entries.map((e) => e.newValue)).toEqual(['65 %']);
    expect(onSecond.total).toBe(1);
    const reports = await listAuditLog(db, admin, { ...ALL, object: 'bao-cao' });
    expect(reports.total).toBe(await db.auditLog.count({ where: { entityType: 'Report' } }));
  });

  it('says how many rows there are on a page past the end, in a second query', async () => {
    const admin = await sessionUser(demo('admin'));
    const { result, queries: q } = await queries(() => listAuditLog(db, admin, { ...ALL, object: 'muc-tieu', page: 9 }));
    expect(result).toMatchObject({ entries: [], total: 3, page: 9, pages: 1 });
    expect(q).toBe(2);
  });

  it('is for administrators only', async () => {
    for (const email of [demo('cum3'), demo('trunguong'), demo('hungyen')]) {
      expect((await refusal(listAuditLog(db, await sessionUser(email), ALL))).code, email).toBe('FORBIDDEN');
    }
  });
});
