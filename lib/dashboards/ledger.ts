import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { countedStatuses, emptyFigures } from './aggregation';
import type { AwardKind, FundSource, LearningModel, RecipientGroup, ReportStatus } from '../domain';
import type { DbClient as Db } from '../platform/db';
import type { Ledger, Stamp } from './rows';
import type { GroupedFacts, TargetRow } from './summary-shared';

// What the dashboards read from the reports, for the summaries (./cluster-summary.ts,
// ./national-summary.ts, ./trend.ts) and a province's history (./province-history.ts): each
// report's stamp (status, submission), and figures summed by the database in one statement, per
// report or per cluster and period. The national targets are read here too, as both the cluster
// and the national summaries compare against them. The rows and totals are then built by the pure
// modules (./rows.ts, ./summary-shared.ts, ./aggregation.ts). Not for pages: they call the summaries.

const TARGET_SELECT = {
  id: true,
  decision: true,
  model: true,
  metric: true,
  subject: true,
  rateBp: true,
  targetYear: true,
  validFrom: true,
  validTo: true,
  description: true,
} as const;

/** Every national target, of every decision (a dozen rows); the summaries pick those in force. */
export async function loadTargets(db: Db): Promise<TargetRow[]> {
  return (await db.nationalTarget.findMany({ select: TARGET_SELECT })) as TargetRow[];
}

// ---------------------------------------------------------------------------
// Figures, summed in the database

const zeroCounts = (): Record<LearningModel, number> => ({ FAMILY: 0, CLAN: 0, COMMUNITY: 0, UNIT: 0, CITIZEN: 0 });

const toNumber = (v: bigint | number | null): number | null => (v === null ? null : Number(v));

/**
 * Figures of groups of reports, one entry per key of `scope` (a query yielding `key`, `reportId`),
 * in ONE statement: the scope is computed once (a CTE used four times is materialised) and each
 * section is summed by the database with GROUP BY: report columns (fund balances, spent), models
 * (with the number of complete figures), fund sources and award kinds/groups (also in total, with
 * GROUPING SETS). Model figures count only when complete (total, registered and recognised given).
 */
export async function factsByKey(db: Db, scope: Prisma.Sql): Promise<Map<string, GroupedFacts>> {
  type Row = {
    section: 'report' | 'model' | 'fund' | 'award';
    key: string;
    a: string | null;
    b: string | null;
    /** 1 where `a` (then `b`) is rolled up by GROUPING SETS. */
    ga: number;
    gb: number;
    n: number;
    x: bigint | null;
    y: bigint | null;
    z: bigint | null;
  };
  const rows = await db.$queryRaw<Row[]>`
    WITH s AS (${scope})
    SELECT 'report' AS section, s.key, NULL::text AS a, NULL::text AS b, 0 AS ga, 0 AS gb, COUNT(*)::int AS n,
           SUM(r."fundOpening")::bigint AS x, SUM(r."fundSpent")::bigint AS y, SUM(r."fundClosing")::bigint AS z
    FROM s JOIN "Report" r ON r.id = s."reportId"
    GROUP BY s.key
    UNION ALL
    SELECT 'model', s.key, mf.model::text, NULL, 0, 0, COUNT(*)::int,
           SUM(mf.total)::bigint, SUM(mf.registered)::bigint, SUM(mf.recognised)::bigint
    FROM s JOIN "ModelFigure" mf ON mf."reportId" = s."reportId"
    WHERE mf.total IS NOT NULL AND mf.registered IS NOT NULL AND mf.recognised IS NOT NULL
    GROUP BY s.key, mf.model
    UNION ALL
    SELECT 'fund', s.key, fm.source::text, NULL, GROUPING(fm.source), 0, COUNT(*)::int, SUM(fm.amount)::bigint, NULL, NULL
    FROM s JOIN "FundMobilisation" fm ON fm."reportId" = s."reportId"
    GROUP BY GROUPING SETS ((s.key, fm.source), (s.key))
    UNION ALL
    SELECT 'award', s.key, a.kind::text, a."group"::text, GROUPING(a.kind), GROUPING(a."group"), COUNT(*)::int,
           SUM(a.recipients)::bigint, SUM(a.amount)::bigint, NULL
    FROM s JOIN "AwardFigure" a ON a."reportId" = s."reportId"
    GROUP BY GROUPING SETS ((s.key, a.kind), (s.key, a."group"), (s.key))`;

  const out = new Map<string, GroupedFacts>();
  const entry = (key: string) => {
    let e = out.get(key);
    if (!e) out.set(key, (e = { ...emptyFigures(), reports: 0, modelCounts: zeroCounts() }));
    return e;
  };
  for (const row of rows) {
    const e = entry(row.key);
    switch (row.section) {
      case 'report':
        e.reports = row.n;
        e.fund.opening = row.x;
        e.fund.spent = row.y;
        e.fund.closing = row.z;
        break;
      case 'model':
        e.models[row.a as LearningModel] = { total: Number(row.x), registered: Number(row.y), recognised: Number(row.z) };
        e.modelCounts[row.a as LearningModel] = row.n;
        break;
      case 'fund':
        if (row.ga === 1) e.fund.mobilised = row.x;
        else e.fund.mobilisedBySource[row.a as FundSource] = row.x;
        break;
      case 'award': {
        const cell = { recipients: toNumber(row.x), amount: row.y };
        if (row.ga === 0) e.awards.byKind[row.a as AwardKind] = cell;
        else if (row.gb === 0) e.awards.byGroup[row.b as RecipientGroup] = cell;
        else Object.assign(e.awards, cell);
        break;
      }
    }
  }
  return out;
}

/** Counted reports of some provinces in some periods, one group per report (key = report id). */
function reportScope(provinceIds: readonly string[], periodIds: readonly string[], statuses: readonly ReportStatus[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id AS key, r.id AS "reportId" FROM "Report" r
    WHERE r."provinceId" = ANY(${provinceIds}) AND r."periodId" = ANY(${periodIds}) AND r.status::text = ANY(${statuses})`;
}

export const NATION_KEY = '*';

/**
 * Counted reports grouped by cluster and period (key "clusterId|periodId"), by the members on each
 * period's first day; and, unless `clusterId` is given, the nation ("*|periodId": each report
 * once, however many clusters its province belongs to).
 */
export function clusterPeriodScope(periodIds: readonly string[], statuses: readonly ReportStatus[], clusterId: string | null): Prisma.Sql {
  const members = Prisma.sql`
    SELECT DISTINCT cm."clusterId", p.id AS "periodId", r.id AS "reportId"
    FROM "ClusterMembership" cm
    JOIN "Period" p ON p.id = ANY(${periodIds})
      AND cm."validFrom" <= p."startDate" AND (cm."validTo" IS NULL OR cm."validTo" >= p."startDate")
    JOIN "Report" r ON r."provinceId" = cm."provinceId" AND r."periodId" = p.id
    WHERE r.status::text = ANY(${statuses}) ${clusterId === null ? Prisma.empty : Prisma.sql`AND cm."clusterId" = ${clusterId}`}`;
  const nation =
    clusterId === null ? Prisma.sql`UNION SELECT DISTINCT ${NATION_KEY} || '|' || m."periodId" AS key, m."reportId" FROM m` : Prisma.empty;
  return Prisma.sql`
    WITH m AS (${members})
    SELECT m."clusterId" || '|' || m."periodId" AS key, m."reportId" FROM m
    ${nation}`;
}

/**
 * Every report (any status) of some provinces in some periods: who has not started, drafted, …;
 * and the extensions of those periods' deadlines granted to those provinces (key
 * "provinceId|periodId"), with or without a report. One statement (a full join), so that
 * timeliness against each province's own deadline costs no query.
 */
export async function loadStamps(
  db: Db,
  provinceIds: readonly string[],
  periodIds: readonly string[],
): Promise<{ stamps: Stamp[]; extendedTo: Map<string, Date> }> {
  type Row = Omit<Stamp, 'id' | 'status'> & { id: string | null; status: ReportStatus | null; extendedTo: Date | null };
  const provinces = [...provinceIds];
  const periods = [...periodIds];
  const rows = await db.$queryRaw<Row[]>`
    SELECT COALESCE(r."provinceId", e."provinceId") AS "provinceId", COALESCE(r."periodId", e."periodId") AS "periodId",
           r.id, r.status::text AS status, r."submittedAt", r."firstSubmittedAt", e.deadline AS "extendedTo"
    FROM (SELECT id, "provinceId", "periodId", status, "submittedAt", "firstSubmittedAt" FROM "Report"
          WHERE "provinceId" = ANY(${provinces}) AND "periodId" = ANY(${periods})) r
    FULL JOIN (SELECT "provinceId", "periodId", deadline FROM "DeadlineExtension"
          WHERE "provinceId" = ANY(${provinces}) AND "periodId" = ANY(${periods})) e
      ON e."provinceId" = r."provinceId" AND e."periodId" = r."periodId"`;
  const stamps: Stamp[] = [];
  const extendedTo = new Map<string, Date>();
  for (const { extendedTo: extension, id, status, ...row } of rows) {
    if (id !== null && status !== null) stamps.push({ ...row, id, status });
    if (extension !== null) extendedTo.set(`${row.provinceId}|${row.periodId}`, extension);
  }
  return { stamps, extendedTo };
}

export async function loadLedger(
  db: Db,
  provinceIds: readonly string[],
  periodIds: readonly string[],
  approvedOnly: boolean,
): Promise<Ledger> {
  const [{ stamps, extendedTo }, facts] = await Promise.all([
    loadStamps(db, provinceIds, periodIds),
    factsByKey(db, reportScope(provinceIds, periodIds, countedStatuses(approvedOnly))),
  ]);
  const byKey = new Map(stamps.map((s) => [`${s.provinceId}|${s.periodId}`, s]));
  return {
    stamp: (p, q) => byKey.get(`${p}|${q}`),
    facts: (p, q) => {
      const s = byKey.get(`${p}|${q}`);
      return s ? facts.get(s.id) : undefined;
    },
    extendedTo: (p, q) => extendedTo.get(`${p}|${q}`) ?? null,
  };
}
