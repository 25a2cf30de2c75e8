import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { canManageReferenceData, type SessionUser } from '../permissions';
import { forbidden } from '../errors';
import type { DbClient } from './db';
import { AUDIT_PAGE_SIZE, describeAuditRow, entityTypesOf, type AuditLogEntry, type AuditLogFilter, type AuditRow } from './audit-log-view';

// The administration log: the audit rows, newest first, filtered by object and by Vietnamese
// calendar days, a page at a time. One query per page (the total rides along as a window count,
// and the actor's name and a report's province and period are joined); a second only for a page
// past the end, to say how many rows there are.

export type AuditLogPage = {
  entries: AuditLogEntry[];
  /** Rows matching the filter, on every page. */
  total: number;
  page: number;
  pages: number;
};

/** The instant a Vietnamese calendar day begins (UTC+7), as the timestamp the column holds (UTC, no zone). */
const vietnamDayStart = (day: Date) => new Date(day.getTime() - 7 * 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
const nextDay = (day: Date) => new Date(day.getTime() + 86_400_000);

function whereOf(filter: AuditLogFilter): Prisma.Sql {
  const types = entityTypesOf(filter.object);
  const conditions: Prisma.Sql[] = [];
  if (types) conditions.push(Prisma.sql`a."entityType" = ANY(${[...types]})`);
  if (filter.from) conditions.push(Prisma.sql`a."at" >= ${vietnamDayStart(filter.from)}::timestamp`);
  if (filter.to) conditions.push(Prisma.sql`a."at" < ${vietnamDayStart(nextDay(filter.to))}::timestamp`);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

type Row = Omit<AuditRow, 'at'> & { at: string; total: number };

/** One page of the log, administrators only. */
export async function listAuditLog(db: DbClient, actor: SessionUser, filter: AuditLogFilter): Promise<AuditLogPage> {
  if (!canManageReferenceData(actor)) throw forbidden();
  const where = whereOf(filter);
  const offset = (filter.page - 1) * AUDIT_PAGE_SIZE;
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.id::text AS id,
           to_char(a."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
           u.name AS "actorName", u.email AS "actorEmail",
           a.action, a."entityType", a."entityId", a.field, a."oldValue", a."newValue", a.details,
           p.name AS "reportProvince", pe.code AS "reportPeriod",
           (COUNT(*) OVER ())::int AS total
    FROM "AuditLog" a
    LEFT JOIN "User" u ON u.id = a."actorId"
    LEFT JOIN "Report" r ON a."entityType" = 'Report' AND r.id = a."entityId"
    LEFT JOIN "Province" p ON p.id = r."provinceId"
    LEFT JOIN "Period" pe ON pe.id = r."periodId"
    ${where}
    ORDER BY a.id DESC
    LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${offset}`;
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && filter.page > 1) {
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM "AuditLog" a ${where}`;
    total = n;
  }
  return {
    entries: rows.map(({ total: _total, at, ...row }) => describeAuditRow({ ...row, at: new Date(at) })),
    total,
    page: filter.page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}
