import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS } from '../domain';
import { emptyReportData, type ReportData } from './data';

/** The child rows a report's figures live in; select this to map with rowsToReportData. */
export const REPORT_FIGURES_SELECT = {
  fundOpening: true,
  fundSpent: true,
  fundClosing: true,
  members: true,
  newMembers: true,
  branches: true,
  learningCentres: true,
  centreClasses: true,
  centreLearners: true,
  narrativeResults: true,
  narrativeLimitations: true,
  narrativePlan: true,
  modelFigures: { select: { model: true, total: true, registered: true, recognised: true } },
  fundMobilisations: { select: { source: true, amount: true } },
  awards: { select: { kind: true, group: true, recipients: true, amount: true } },
} satisfies Prisma.ReportSelect;

export type ReportFiguresRow = Prisma.ReportGetPayload<{ select: typeof REPORT_FIGURES_SELECT }>;

export function rowsToReportData(r: ReportFiguresRow): ReportData {
  const d = emptyReportData();
  for (const f of r.modelFigures) d.models[f.model] = { total: f.total, registered: f.registered, recognised: f.recognised };
  for (const m of r.fundMobilisations) d.fund.mobilised[m.source] = m.amount;
  for (const a of r.awards) d.awards[a.kind][a.group] = { recipients: a.recipients, amount: a.amount };
  d.fund.opening = r.fundOpening;
  d.fund.spent = r.fundSpent;
  d.fund.closing = r.fundClosing;
  d.membership = { members: r.members, newMembers: r.newMembers, branches: r.branches };
  d.centres = { centres: r.learningCentres, classes: r.centreClasses, learners: r.centreLearners };
  d.narrative = { results: r.narrativeResults ?? '', limitations: r.narrativeLimitations ?? '', plan: r.narrativePlan ?? '' };
  return d;
}

/** Single-valued sections as Report columns. */
export function reportColumns(d: ReportData) {
  return {
    fundOpening: d.fund.opening,
    fundSpent: d.fund.spent,
    fundClosing: d.fund.closing,
    members: d.membership.members,
    newMembers: d.membership.newMembers,
    branches: d.membership.branches,
    learningCentres: d.centres.centres,
    centreClasses: d.centres.classes,
    centreLearners: d.centres.learners,
    narrativeResults: d.narrative.results || null,
    narrativeLimitations: d.narrative.limitations || null,
    narrativePlan: d.narrative.plan || null,
  } satisfies Prisma.ReportUncheckedUpdateInput;
}

/** Keyed sections as child rows (every key present, figures possibly null). */
export function childRows(reportId: string, d: ReportData) {
  return {
    modelFigures: LEARNING_MODELS.map((model) => ({ reportId, model, ...d.models[model] })),
    fundMobilisations: FUND_SOURCES.map((source) => ({ reportId, source, amount: d.fund.mobilised[source] })),
    awards: AWARD_KINDS.flatMap((kind) =>
      RECIPIENT_GROUPS.map((group) => ({ reportId, kind, group, recipients: d.awards[kind][group].recipients, amount: d.awards[kind][group].amount })),
    ),
  };
}
