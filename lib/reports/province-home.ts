import 'server-only';
import { ownProvinceId, provinceStillInForce, relationTo, type SessionUser } from '../permissions';
import type { DbClient as Db } from '../platform/db';
import { effectiveDeadline } from '../reference/deadlines';
import { getProvince, listProvinceReports, provinceScope, type ProvinceReportRow } from '../reference/provinces';
import { allowedActions } from './status';
import { firstSubmission, timelinessOf, type Timeliness } from './timeliness';

export type ProvinceHomeRow = ProvinceReportRow & {
  /** The user may enter figures now: the same answer the server gives on saving. */
  canEdit: boolean;
  /** The province's own deadline: the period's, or its extension when later. */
  deadline: Date;
  /** The period's deadline was extended for this province. */
  extended: boolean;
  /** The first submission, on which timeliness is measured. */
  firstSubmittedAt: Date | null;
  /** On the first submission (ON_TIME / LATE), or OVERDUE / OPEN while never submitted. */
  timeliness: Timeliness;
  /** First submitted after the deadline. */
  late: boolean;
  /** The own province's report, past its deadline and never submitted. */
  overdue: boolean;
};

export type ProvinceHome = {
  province: NonNullable<Awaited<ReturnType<typeof getProvince>>>;
  rows: ProvinceHomeRow[];
};

/**
 * What a province's staff see on their home page: their province, and every report of it and
 * of its predecessors, each with what the user may do with it, computed by the same rules
 * (relationTo, allowedActions) as the report page and the server, and its timeliness against
 * the province's own deadline (an extension counts). Null for anyone else.
 */
export async function getProvinceHome(db: Db, user: SessionUser, now = new Date()): Promise<ProvinceHome | null> {
  const provinceId = ownProvinceId(user);
  if (!provinceId) return null;
  const [province, scope] = await Promise.all([getProvince(db, provinceId), provinceScope(db, provinceId)]);
  if (!province) return null;
  const [rows, extensions, firstSubmissions] = await Promise.all([
    listProvinceReports(db, { ownProvinceId: provinceId, provinceIds: scope }),
    db.deadlineExtension.findMany({ where: { provinceId: { in: scope } }, select: { provinceId: true, deadline: true, period: { select: { code: true } } } }),
    db.report.findMany({ where: { provinceId: { in: scope }, firstSubmittedAt: { not: null } }, select: { id: true, firstSubmittedAt: true } }),
  ]);
  const extendedTo = new Map(extensions.map((e) => [`${e.provinceId}|${e.period.code}`, e.deadline]));
  const firstOf = new Map(firstSubmissions.map((r) => [r.id, r.firstSubmittedAt]));
  return {
    province,
    rows: rows.map((row) => {
      const relation = relationTo(user, { ...row.province, memberships: [] }, { startDate: row.periodStart }, now);
      const period = {
        locked: row.locked,
        unlockedByAdmin: row.report?.unlockedByAdmin ?? false,
        provinceInForce: provinceStillInForce(row.province, now),
      };
      const extension = extendedTo.get(`${row.province.id}|${row.periodCode}`);
      const deadline = effectiveDeadline(row.deadline, extension);
      const times = row.report && { submittedAt: row.report.submittedAt, firstSubmittedAt: firstOf.get(row.report.id) };
      const timeliness = timelinessOf(times, deadline, now);
      return {
        ...row,
        canEdit: allowedActions(row.report?.status ?? null, relation, period).EDIT.allowed,
        deadline,
        extended: deadline !== row.deadline,
        firstSubmittedAt: firstSubmission(times),
        timeliness,
        late: timeliness === 'LATE',
        overdue: timeliness === 'OVERDUE' && row.province.id === provinceId,
      };
    }),
  };
}
