// JSON for the read API (docs/api-read.md): figures as JSON numbers, rates as unrounded fractions.
import type { AwardFacts, FundFacts, ModelCell } from '../dashboards/aggregation';
import type { ClusterSummary } from '../dashboards/cluster-summary';
import type { Completeness } from '../dashboards/completeness';
import type { NationalSummary } from '../dashboards/national-summary';
import { LEARNING_MODELS, type LearningModel } from '../domain';

/** Amounts are whole VND below 2^53 (a province's fund is hundreds of billions); anything above is a bug. */
export function vndJson(amount: bigint | null): number | null {
  if (amount === null) return null;
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${amount} is too large for a JSON number`);
  }
  return Number(amount);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function modelsJson(models: Record<LearningModel, Pick<ModelCell, 'total' | 'registered' | 'recognised' | 'registrationRate' | 'recognitionRate'>>) {
  return Object.fromEntries(
    LEARNING_MODELS.map((m) => {
      const { total, registered, recognised, registrationRate, recognitionRate } = models[m];
      return [m, { total, registered, recognised, registrationRate, recognitionRate }];
    }),
  ) as Record<LearningModel, { total: number | null; registered: number | null; recognised: number | null; registrationRate: number | null; recognitionRate: number | null }>;
}

const fundJson = (f: FundFacts) => ({ opening: vndJson(f.opening), mobilised: vndJson(f.mobilised), spent: vndJson(f.spent), closing: vndJson(f.closing) });
const awardsJson = (a: AwardFacts) => ({ recipients: a.recipients, amount: vndJson(a.amount) });
/** `submitted`: delivered (awaiting review or approved); a returned report is back with the province. */
const completenessJson = (c: Completeness) => ({ expected: c.expected, submitted: c.inReview, approved: c.approved });

export function clusterSummaryJson(s: ClusterSummary) {
  return {
    cluster: { code: s.cluster.code, name: s.cluster.name },
    period: { code: s.period.code, start: isoDay(s.period.startDate), end: isoDay(s.period.endDate) },
    provinces: s.provinces.map((p) => ({
      code: p.code,
      name: p.name,
      status: p.status,
      models: modelsJson(p.models),
      fund: fundJson(p.fund),
      awards: awardsJson(p.awards),
      // By today's provinces, which old provinces a row adds up, each with its own report's status.
      ...(s.view === 'current'
        ? { mergedFrom: p.mergedFrom.map((m) => ({ code: m.code, name: m.name, status: m.status })) }
        : {}),
    })),
    totals: { models: modelsJson(s.totals.models), fund: fundJson(s.totals.fund), awards: awardsJson(s.totals.awards) },
    completeness: completenessJson(s.completeness),
  };
}

export function nationalSummaryJson(n: NationalSummary) {
  return {
    period: { code: n.period.code, start: isoDay(n.period.startDate), end: isoDay(n.period.endDate) },
    clusters: n.clusters.map((c) => ({
      cluster: { code: c.cluster.code, name: c.cluster.name },
      provinces: c.provinces,
      models: modelsJson(c.models),
      fund: fundJson(c.fund),
      awards: awardsJson(c.awards),
      completeness: completenessJson(c.completeness),
    })),
    totals: {
      provinces: n.totals.provinces,
      models: modelsJson(n.totals.models),
      fund: fundJson(n.totals.fund),
      awards: awardsJson(n.totals.awards),
      completeness: completenessJson(n.totals.completeness),
    },
  };
}
