import { isInForce } from '../reference/validity';
import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { assignToRows, countedStatuses, emptyFigures, modelCell, onTimeOf, sumAcrossProvinces, type Figures, type ModelCell, type PeriodFacts, type ReportStamp, type AwardFacts, type FundFacts } from './aggregation';
import { LEARNING_MODELS } from '../domain';
import type { AwardKind, FundSource, LearningModel, RecipientGroup, ReportStatus } from '../domain';
import { currentSuccessor, type ProvinceNode } from '../reference/mergers';
import { periodLabel, type PeriodCode } from '../reference/periods';
import type { DbClient as Db } from '../platform/db';

// What the summary functions (./summary.ts) and a province's history (./province-history.ts)
// share: the reference rows they read, the reports' figures summed by the database in one
// statement, and the rows of a view (a province with the predecessors whose figures it adds up).
// Not for pages: they call the functions of those two modules.

/**
 * 'reported': the provinces as they reported (members of the cluster on the period's first day).
 * 'current': by today's provinces (old provinces added into their successor, same period).
 */
export type SummaryView = 'reported' | 'current';

export type PeriodInfo = { code: PeriodCode; label: string; startDate: Date; endDate: Date; deadline: Date; locked: boolean };

/** One province's report (or its absence) behind a row. */
export type ReportPart = {
  provinceId: string;
  code: string;
  name: string;
  periodCode: PeriodCode;
  status: ReportStatus | null;
  submittedAt: Date | null;
  onTime: boolean | null;
  /** Its figures are in the row (a delivered report; approved only with approvedOnly). */
  counted: boolean;
};

/** Figures of a row as dashboards show them. */
export type RowFigures = {
  models: Record<LearningModel, ModelCell>;
  fund: FundFacts;
  awards: AwardFacts;
};
// ---------------------------------------------------------------------------
// Reference data

export type ProvinceRef = ProvinceNode & { name: string };
export type MembershipRef = { clusterId: string; provinceId: string; validFrom: Date; validTo: Date | null };
export type PeriodRef = PeriodInfo & { id: string };

export const PERIOD_SELECT = { id: true, code: true, startDate: true, endDate: true, deadline: true, locked: true } as const;
export const PROVINCE_SELECT = { id: true, code: true, name: true, validFrom: true, validTo: true, successorId: true } as const;
export const TARGET_SELECT = {
  id: true,
  decision: true,
  model: true,
  metric: true,
  subject: true,
  rateBp: true,
  targetYear: true,
  validFrom: true,
  description: true,
} as const;

export function periodRef(p: { id: string; code: string; startDate: Date; endDate: Date; deadline: Date; locked: boolean }): PeriodRef {
  return { ...p, label: periodLabel(p.code) };
}

export function periodInfo({ id: _id, ...p }: PeriodRef): PeriodInfo {
  return p;
}


export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/** Ids of the provinces whose figures can reach `rowIds` through successor links (themselves included). */
export function withPredecessors(rowIds: readonly string[], nodes: readonly ProvinceNode[]): string[] {
  const assigned = assignToRows(
    nodes.map((n) => n.id),
    rowIds,
    nodes,
  );
  return [...assigned.keys()];
}

// ---------------------------------------------------------------------------
// Figures, summed in the database

export type GroupedFacts = Figures & {
  /** Reports in the group. */
  reports: number;
  /** Reports in the group with complete figures, per model. */
  modelCounts: Record<LearningModel, number>;
};

export const zeroCounts = (): Record<LearningModel, number> => ({ FAMILY: 0, CLAN: 0, COMMUNITY: 0, UNIT: 0, CITIZEN: 0 });

export const toNumber = (v: bigint | number | null): number | null => (v === null ? null : Number(v));

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
export function reportScope(provinceIds: readonly string[], periodIds: readonly string[], statuses: readonly ReportStatus[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id AS key, r.id AS "reportId" FROM "Report" r
    WHERE r."provinceId" = ANY(${provinceIds}) AND r."periodId" = ANY(${periodIds}) AND r.status::text = ANY(${statuses})`;
}

export type Stamp = { id: string; provinceId: string; periodId: string; status: ReportStatus; submittedAt: Date | null };

/** Every report (any status) of some provinces in some periods: who has not started, drafted, … */
export function loadStamps(db: Db, provinceIds: readonly string[], periodIds: readonly string[]): Promise<Stamp[]> {
  return db.report.findMany({
    where: { provinceId: { in: [...provinceIds] }, periodId: { in: [...periodIds] } },
    select: { id: true, provinceId: true, periodId: true, status: true, submittedAt: true },
  });
}

/** Per province and period: its report's stamp and counted figures. */
export type Ledger = {
  stamp(provinceId: string, periodId: string): Stamp | undefined;
  facts(provinceId: string, periodId: string): Figures | undefined;
};

export async function loadLedger(
  db: Db,
  provinceIds: readonly string[],
  periodIds: readonly string[],
  approvedOnly: boolean,
): Promise<Ledger> {
  const [stamps, facts] = await Promise.all([
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
  };
}

// ---------------------------------------------------------------------------
// Rows of a cluster

export type RowPlan = {
  row: ProvinceRef;
  /** Provinces whose figures make up the row (the row itself and/or its predecessors). */
  parts: ProvinceRef[];
};

/**
 * Rows of a view at a day: the members in force that day ('reported'), or their current successors
 * ('current'). Each row lists every province assigned to it (members or not: a successor's figures
 * are its whole territory's).
 */
export function planRows(memberIds: readonly string[], provinces: readonly ProvinceRef[], view: SummaryView): RowPlan[] {
  const byId = new Map(provinces.map((p) => [p.id, p]));
  const rowIds = view === 'reported' ? [...new Set(memberIds)] : [...new Set(memberIds.map((id) => currentSuccessor(id, provinces)))];
  const assigned = assignToRows(
    provinces.map((p) => p.id),
    rowIds,
    provinces,
  );
  return rowIds
    .map((id) => ({
      row: byId.get(id)!,
      parts: provinces.filter((p) => assigned.get(p.id) === id),
    }))
    .sort((a, b) => byName(a.row, b.row));
}

export function partOf(p: ProvinceRef, period: PeriodRef, ledger: Ledger): ReportPart & { facts: Figures | undefined } {
  const stamp = ledger.stamp(p.id, period.id);
  const facts = ledger.facts(p.id, period.id);
  const s: ReportStamp = { status: stamp?.status ?? null, submittedAt: stamp?.submittedAt ?? null };
  return {
    provinceId: p.id,
    code: p.code,
    name: p.name,
    periodCode: period.code,
    status: s.status,
    submittedAt: s.submittedAt,
    onTime: onTimeOf(s, period.deadline),
    counted: facts !== undefined,
    facts,
  };
}

/** The row's figures in one period: Σ of its parts in force on the period's first day. */
export function rowPeriod(plan: RowPlan, period: PeriodRef, ledger: Ledger) {
  const parts = plan.parts.filter((p) => isInForce(p, period.startDate)).map((p) => partOf(p, period, ledger));
  // A report sent by a province outside its validity would be a data error; count it anyway, so
  // that nothing reported silently disappears from the totals.
  for (const p of plan.parts) {
    if (!isInForce(p, period.startDate) && ledger.stamp(p.id, period.id)) parts.push(partOf(p, period, ledger));
  }
  const counted = parts.filter((p) => p.facts !== undefined);
  const facts: PeriodFacts = { periodCode: period.code, ...sumAcrossProvinces(counted.map((p) => p.facts!)) };
  return {
    parts: parts.map(({ facts: _f, ...p }) => p),
    facts,
    anyCounted: counted.length > 0,
    complete: parts.length > 0 && counted.length === parts.length,
  };
}

export function rowFigures(current: Figures, previous: Figures | null): RowFigures {
  return {
    models: Object.fromEntries(LEARNING_MODELS.map((m) => [m, modelCell(current.models[m], previous?.models[m] ?? null)])) as Record<
      LearningModel,
      ModelCell
    >,
    fund: current.fund,
    awards: current.awards,
  };
}
