import 'server-only';
import type { Db } from '../platform/db';
import { inForceWhere } from './validity';
import { readClusterByCode, readPeriods } from './reference-data';
import type { LearningModel, ReportStatus } from '../generated/prisma/enums';
import { LEARNING_MODELS } from '../domain';
import type { ModelFigures } from '../dashboards/metrics';


export async function listClusters(db: Db) {
  return db.cluster.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, region: true, note: true } });
}

export const findClusterByCode = readClusterByCode;

/** Every period, newest first. */
export async function listPeriods(db: Db) {
  return [...(await readPeriods(db))].reverse();
}

/** The latest period in which any member of the cluster has a report. */
export async function latestReportedPeriodCode(db: Db, clusterId: string): Promise<string | null> {
  const row = await db.report.findFirst({
    where: { province: { memberships: { some: { clusterId } } } },
    orderBy: [{ period: { year: 'desc' } }, { period: { half: 'desc' } }],
    select: { period: { select: { code: true } } },
  });
  return row?.period.code ?? null;
}

export type ProvinceOverviewRow = {
  provinceId: string;
  code: string;
  name: string;
  report: { status: ReportStatus; submittedAt: Date | null } | null;
  /** Null where the province reported no complete figures for the model. */
  models: Record<LearningModel, ModelFigures | null>;
};

export type ClusterOverview = {
  period: { code: string; startDate: Date; endDate: Date; deadline: Date };
  leader: { name: string; termLabel: string } | null;
  provinces: ProvinceOverviewRow[];
  /** Σ over the member provinces' complete figures, summed in the database. */
  totals: Record<LearningModel, ModelFigures>;
};

/**
 * Learning-model figures of every province that belonged to the cluster on the
 * first day of the period, and the cluster's Σ totals. Four queries whatever
 * the number of provinces.
 */
export async function getClusterOverview(
  db: Db,
  { clusterId, periodCode }: { clusterId: string; periodCode: string },
): Promise<ClusterOverview | null> {
  const period = await db.period.findUnique({
    where: { code: periodCode },
    select: { id: true, code: true, startDate: true, endDate: true, deadline: true },
  });
  if (!period) return null;
  const day = period.startDate;

  const [memberships, leaderTerm] = await Promise.all([
    db.clusterMembership.findMany({
      where: { clusterId, ...inForceWhere(day) },
      select: {
        province: {
          select: {
            id: true,
            code: true,
            name: true,
            reports: {
              where: { periodId: period.id },
              select: {
                status: true,
                submittedAt: true,
                modelFigures: { select: { model: true, total: true, registered: true, recognised: true } },
              },
            },
          },
        },
      },
      orderBy: { province: { name: 'asc' } },
    }),
    db.clusterLeaderTerm.findFirst({
      where: { clusterId, ...inForceWhere(day) },
      select: { termLabel: true, province: { select: { name: true } } },
    }),
  ]);
  const provinceIds = memberships.map((m) => m.province.id);

  const sums = await db.modelFigure.groupBy({
    by: ['model'],
    where: {
      report: { periodId: period.id, provinceId: { in: provinceIds } },
      total: { not: null },
      registered: { not: null },
      recognised: { not: null },
    },
    _sum: { total: true, registered: true, recognised: true },
  });

  const totals = Object.fromEntries(
    LEARNING_MODELS.map((m) => {
      const s = sums.find((row) => row.model === m)?._sum;
      return [m, { total: s?.total ?? 0, registered: s?.registered ?? 0, recognised: s?.recognised ?? 0 }];
    }),
  ) as Record<LearningModel, ModelFigures>;

  const provinces: ProvinceOverviewRow[] = memberships.map(({ province }) => {
    const report = province.reports[0] ?? null;
    const models = Object.fromEntries(
      LEARNING_MODELS.map((m) => {
        const f = report?.modelFigures.find((row) => row.model === m);
        const complete = f && f.total !== null && f.registered !== null && f.recognised !== null;
        return [m, complete ? { total: f.total!, registered: f.registered!, recognised: f.recognised! } : null];
      }),
    ) as Record<LearningModel, ModelFigures | null>;
    return {
      provinceId: province.id,
      code: province.code,
      name: province.name,
      report: report ? { status: report.status, submittedAt: report.submittedAt } : null,
      models,
    };
  });

  return {
    period: { code: period.code, startDate: period.startDate, endDate: period.endDate, deadline: period.deadline },
    leader: leaderTerm ? { name: leaderTerm.province.name, termLabel: leaderTerm.termLabel } : null,
    provinces,
    totals,
  };
}
