import 'server-only';
import { isInForce } from '../reference/validity';
import { APPROVED_ONLY_RULE, COUNTED_REPORTS_RULE, emptyFigures, MERGER_ROLL_UP_RULE, type Figures } from './aggregation';
import type { PeriodCode } from '../reference/periods';
import type { DbClient as Db } from '../platform/db';
import { readPeriods, readProvinces, type ProvinceRef } from '../reference/reference-data';
import { loadLedger } from './ledger';
import { rowFigures, rowPeriod, withPredecessors, type ReportPart, type RowFigures, type RowPlan } from './rows';

// One province's figures across every period, its predecessors' reports (2025 mergers) labelled
// and added up for the periods before the merger: the province history page and its charts.

export type HistoryPart = ReportPart &
  RowFigures & {
    /** The province itself (true) or one of its predecessors. */
    own: boolean;
    /** "Vĩnh Phúc (đến 30/06/2025)" for a predecessor, else the name. */
    label: string;
  };

export type ProvinceHistoryPeriod = RowFigures & {
  periodCode: PeriodCode;
  label: string;
  /** The reports behind the figures: the province's own, or its predecessors' (added up). */
  parts: HistoryPart[];
  /** Every province behind the figures has counted figures (see ProvinceSummaryRow.complete in ./cluster-summary.ts). */
  complete: boolean;
  previousComplete: boolean;
};

export type ProvinceHistory = {
  province: { id: string; code: string; name: string; validFrom: Date; validTo: Date | null };
  /** Provinces that merged into it (transitively), oldest generation last. */
  predecessors: Array<{ id: string; code: string; name: string; validFrom: Date; validTo: Date | null }>;
  approvedOnly: boolean;
  /** Chronological: every period in which the province or one of its predecessors was in force. */
  periods: ProvinceHistoryPeriod[];
  rules: string[];
};
// ---------------------------------------------------------------------------
// One province across time

/**
 * One province's figures and rates in every period, with the reports of the provinces that merged
 * into it (labelled) added up for the periods before the merger. `provinceCode` is resolved on
 * `asOf` (default today): "25" today is the Phú Thọ formed in 2025, whose history includes Vĩnh
 * Phúc, Hòa Bình and the old Phú Thọ. Null when no province has that code on that day. Four queries.
 */
export async function getProvinceHistory(
  db: Db,
  { provinceCode, asOf = new Date(), approvedOnly = false }: { provinceCode: string; asOf?: Date; approvedOnly?: boolean },
): Promise<ProvinceHistory | null> {
  const [provinces, allPeriods] = await Promise.all([readProvinces(db), readPeriods(db)]);
  const province = provinces.find((p) => p.code === provinceCode && isInForce(p, asOf));
  if (!province) return null;
  const familyIds = withPredecessors([province.id], provinces);
  const family = provinces.filter((p) => familyIds.includes(p.id));
  const plan: RowPlan = { row: province, parts: family };
  const periods = allPeriods.filter((p) => family.some((f) => isInForce(f, p.startDate)));
  const ledger = await loadLedger(db, familyIds, periods.map((p) => p.id), approvedOnly);

  const label = (p: ProvinceRef) =>
    p.id === province.id || p.validTo === null ? p.name : `${p.name} (đến ${p.validTo.toISOString().slice(0, 10).split('-').reverse().join('/')})`;
  let previous: { facts: Figures; parts: ReportPart[] } | null = null;
  let previousComplete = false;
  const out: ProvinceHistoryPeriod[] = [];
  for (const period of periods) {
    const r = rowPeriod(plan, period, ledger);
    const parts: HistoryPart[] = r.parts.map((part) => {
      const facts = ledger.facts(part.provinceId, period.id);
      const p = provinces.find((x) => x.id === part.provinceId)!;
      return { ...part, own: p.id === province.id, label: label(p), ...rowFigures(facts ?? emptyFigures(), null) };
    });
    out.push({
      periodCode: period.code,
      label: period.label,
      parts,
      complete: r.complete,
      previousComplete,
      ...rowFigures(r.facts, previous && previous.parts.some((p) => p.counted) ? previous.facts : null),
    });
    previous = { facts: r.facts, parts: r.parts };
    previousComplete = r.complete;
  }
  return {
    province: { id: province.id, code: province.code, name: province.name, validFrom: province.validFrom, validTo: province.validTo },
    predecessors: family
      .filter((p) => p.id !== province.id)
      .map(({ id, code, name, validFrom, validTo }) => ({ id, code, name, validFrom, validTo })),
    approvedOnly,
    periods: out,
    rules: [MERGER_ROLL_UP_RULE, approvedOnly ? APPROVED_ONLY_RULE : COUNTED_REPORTS_RULE],
  };
}
