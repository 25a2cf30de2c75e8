// What the cluster, national and trend summaries share: their common types and the pure helpers
// that turn what the database summed into totals. Pure: no queries.
import { emptyFigures, modelTotal, type AwardFacts, type Figures, type FundFacts, type ModelTotal } from './aggregation';
import { LEARNING_MODELS } from '../domain';
import type { LearningModel } from '../domain';
import type { ModelFigures } from './metrics';
import type { NationalTargetDef } from './targets';
import type { MembershipRef, PeriodInfo, PeriodRef } from '../reference/reference-data';
import { isInForce } from '../reference/validity';

export type TargetRow = NationalTargetDef & { id: string };

export type ClusterInfo = { id: string; code: string; name: string; region: string | null };

export type SummaryTotals = {
  /**
   * Σ/Σ per model, with the change against the previous period's Σ/Σ of the cluster as it was then
   * (its members on that period's first day, in the same view): the figure the previous period's
   * dashboard showed, and the trend's previous point.
   */
  models: Record<LearningModel, ModelTotal>;
  fund: FundFacts;
  awards: AwardFacts;
  /** Rows with counted figures. */
  provincesCounted: number;
};

/** Figures of a group of reports (a report, a cluster in a period, the nation), summed by the database (./ledger.ts factsByKey). */
export type GroupedFacts = Figures & {
  /** Reports in the group. */
  reports: number;
  /** Reports in the group with complete figures, per model. */
  modelCounts: Record<LearningModel, number>;
};

export const clusterInfo = ({ id, code, name, region }: ClusterInfo): ClusterInfo => ({ id, code, name, region });

export function periodInfo({ id: _id, ...p }: PeriodRef): PeriodInfo {
  return p;
}

export const membersOn = (memberships: readonly MembershipRef[], day: Date) => memberships.filter((m) => isInForce(m, day)).map((m) => m.provinceId);

/** The Σ of each model, null where no province gave figures: what targets are measured against. */
export function modelSums(models: Record<LearningModel, ModelTotal>): Record<LearningModel, ModelFigures | null> {
  return Object.fromEntries(
    LEARNING_MODELS.map((m) => [m, models[m].provinces > 0 ? { total: models[m].total, registered: models[m].registered, recognised: models[m].recognised } : null]),
  ) as Record<LearningModel, ModelFigures | null>;
}

/** Totals of a group summed by the database, with the change against the previous period's group. */
export function groupTotals(current: GroupedFacts | undefined, previous: GroupedFacts | undefined): SummaryTotals {
  return {
    models: Object.fromEntries(
      LEARNING_MODELS.map((m) => [
        m,
        // One pre-summed figure each; the number of provinces in it is the database's count.
        { ...modelTotal([current?.models[m] ?? null], [previous?.models[m] ?? null]), provinces: current?.modelCounts[m] ?? 0 },
      ]),
    ) as Record<LearningModel, ModelTotal>,
    fund: current?.fund ?? emptyFigures().fund,
    awards: current?.awards ?? emptyFigures().awards,
    provincesCounted: current?.reports ?? 0,
  };
}
