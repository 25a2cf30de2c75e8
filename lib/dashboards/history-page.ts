import 'server-only';
import { canSeeEveryProvince, canViewProvince, ownProvinceId, type SessionUser } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { getProvinceHistory, type ProvinceHistory, type ProvinceHistoryPeriod } from '@/lib/dashboards/province-history';
import { clusterIdsOfProvince, findLatestProvinceByCode, provinceScope } from '@/lib/reference/provinces';

export type LoadedHistory =
  | { outcome: 'forbidden' }
  | { outcome: 'not-found' }
  | {
      outcome: 'ok';
      history: ProvinceHistory;
      /** Periods with at least one counted report, oldest first: the rows of the table. */
      periods: ProvinceHistoryPeriod[];
      /** "Gồm số liệu của các tỉnh trước hợp nhất: …", when the province has predecessors. */
      predecessorsNote: string | null;
    };

/**
 * What the history page and its downloads start with. A code is read as the province in force
 * today or, for a province merged away, as it was last. A code outside the user's scope is
 * refused the same way whether or not a province has it (only the central association and
 * administrators learn that it does not exist).
 */
export async function loadProvinceHistory(user: SessionUser, code: string): Promise<LoadedHistory> {
  const db = getDb();
  const province = await findLatestProvinceByCode(db, code);
  if (!province) return { outcome: canSeeEveryProvince(user) ? 'not-found' : 'forbidden' };
  const ownProvince = ownProvinceId(user);
  const [scope, clusters] = await Promise.all([
    ownProvince ? provinceScope(db, ownProvince) : Promise.resolve([]),
    clusterIdsOfProvince(db, province.id),
  ]);
  if (!canViewProvince(user, province.id, { provinceScope: scope, clusterIdsOfProvince: clusters })) return { outcome: 'forbidden' };
  const history = await getProvinceHistory(db, { provinceCode: code, asOf: province.validTo ?? new Date() });
  if (!history) return { outcome: 'not-found' };
  return {
    outcome: 'ok',
    history,
    periods: history.periods.filter((p) => p.parts.some((part) => part.counted)),
    predecessorsNote: history.predecessors.length
      ? `Gồm số liệu của các tỉnh trước hợp nhất: ${history.predecessors.map((p) => p.name).join(', ')}.`
      : null,
  };
}
