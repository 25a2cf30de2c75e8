import 'server-only';
import { ownProvinceId, relationTo, type SessionUser } from '../permissions';
import type { DbClient as Db } from '../platform/db';
import { getProvince, listProvinceReports, provinceScope, type ProvinceReportRow } from '../reference/provinces';
import { allowedActions, isLate } from './status';

export type ProvinceHomeRow = ProvinceReportRow & {
  /** The user may enter figures now: the same answer the server gives on saving. */
  canEdit: boolean;
  /** Submitted after the deadline. */
  late: boolean;
  /** The own province's report, past its deadline and not submitted. */
  overdue: boolean;
};

export type ProvinceHome = {
  province: NonNullable<Awaited<ReturnType<typeof getProvince>>>;
  rows: ProvinceHomeRow[];
};

/**
 * What a province's staff see on their home page: their province, and every report of it and
 * of its predecessors, each with what the user may do with it, computed by the same rules
 * (relationTo, allowedActions) as the report page and the server. Null for anyone else.
 */
export async function getProvinceHome(db: Db, user: SessionUser, now = new Date()): Promise<ProvinceHome | null> {
  const provinceId = ownProvinceId(user);
  if (!provinceId) return null;
  const [province, scope] = await Promise.all([getProvince(db, provinceId), provinceScope(db, provinceId)]);
  if (!province) return null;
  const rows = await listProvinceReports(db, { ownProvinceId: provinceId, provinceIds: scope });
  return {
    province,
    rows: rows.map((row) => {
      const relation = relationTo(user, { ...row.province, memberships: [] }, { startDate: row.periodStart }, now);
      const period = { locked: row.locked, deadline: row.deadline, now, unlockedByAdmin: row.report?.unlockedByAdmin ?? false };
      return {
        ...row,
        canEdit: allowedActions(row.report?.status ?? null, relation, period).EDIT.allowed,
        late: row.report?.submittedAt ? isLate(row.report.submittedAt, row.deadline) : false,
        overdue: !row.report?.submittedAt && now > row.deadline && row.province.id === provinceId,
      };
    }),
  };
}
