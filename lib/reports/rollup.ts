// Roll-up of several provinces' reports for the same period into one, used
// for a province formed by a merger (its predecessors reported the period).
import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS } from '../domain';
import { emptyReportData, type ReportData } from './data';

/**
 * Figures of several provinces added up, for a province formed by a merger
 * whose previous period was reported by its predecessors. A figure is the sum
 * when every predecessor gave it, else missing. Narrative is not combined.
 */
export function sumReportData(list: ReportData[]): ReportData | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0]!;
  const out = emptyReportData();
  const addN = (vals: (number | null)[]) => (vals.some((v) => v === null) ? null : (vals as number[]).reduce((a, b) => a + b, 0));
  const addB = (vals: (bigint | null)[]) => (vals.some((v) => v === null) ? null : (vals as bigint[]).reduce((a, b) => a + b, 0n));
  for (const m of LEARNING_MODELS) {
    out.models[m] = {
      total: addN(list.map((d) => d.models[m].total)),
      registered: addN(list.map((d) => d.models[m].registered)),
      recognised: addN(list.map((d) => d.models[m].recognised)),
    };
  }
  out.fund.opening = addB(list.map((d) => d.fund.opening));
  out.fund.spent = addB(list.map((d) => d.fund.spent));
  out.fund.closing = addB(list.map((d) => d.fund.closing));
  for (const s of FUND_SOURCES) out.fund.mobilised[s] = addB(list.map((d) => d.fund.mobilised[s]));
  for (const k of AWARD_KINDS)
    for (const g of RECIPIENT_GROUPS)
      out.awards[k][g] = { recipients: addN(list.map((d) => d.awards[k][g].recipients)), amount: addB(list.map((d) => d.awards[k][g].amount)) };
  out.membership = {
    members: addN(list.map((d) => d.membership.members)),
    newMembers: addN(list.map((d) => d.membership.newMembers)),
    branches: addN(list.map((d) => d.membership.branches)),
  };
  out.centres = {
    centres: addN(list.map((d) => d.centres.centres)),
    classes: addN(list.map((d) => d.centres.classes)),
    learners: addN(list.map((d) => d.centres.learners)),
  };
  return out;
}
