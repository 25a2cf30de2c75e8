import 'server-only';
import { notFound } from 'next/navigation';
import { canViewCluster, type SessionUser } from '@/lib/authz';
import { isPeriodCode } from '@/lib/periods';
import { findClusterByCode, getClusterOverview, latestReportedPeriodCode, listPeriods } from '@/lib/server/clusters';
import { getDb } from '@/lib/server/db';
import { ensure } from '@/lib/server/session';

/**
 * What every cluster page starts with: the cluster (refused outside the user's
 * scope), the periods, the chosen period (?ky=, else the latest with reports)
 * and the cluster's overview for it.
 */
export async function loadClusterPeriod(user: SessionUser, code: string, query: Record<string, string | string[] | undefined>) {
  const db = getDb();
  const cluster = await findClusterByCode(db, code);
  // A cluster outside the user's scope is refused the same way whether or not it exists.
  if (!cluster) {
    ensure(user.role === 'ADMIN' || user.role === 'CENTRAL');
    notFound();
  }
  ensure(canViewCluster(user, cluster.id));

  const periods = await listPeriods(db);
  const requested = typeof query.ky === 'string' && isPeriodCode(query.ky) ? query.ky : null;
  const periodCode = requested ?? (await latestReportedPeriodCode(db, cluster.id)) ?? periods[0]?.code ?? null;
  const overview = periodCode ? await getClusterOverview(db, { clusterId: cluster.id, periodCode }) : null;
  if (requested && !overview) notFound();
  return { cluster, periods, periodCode, overview };
}
