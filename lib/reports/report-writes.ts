import 'server-only';
import { Prisma } from '../generated/prisma/client';
import type { ReportStatus } from '../generated/prisma/enums';
import { writeAudit, type AuditEntry } from '../platform/audit';
import { diffReportData, emptyReportData, type ReportData } from './data';
import { childRows, reportColumns } from './mapping';

// The one way report figures are written. The form and the API (saveReportDraft), the workbook
// upload (through saveReportDraft) and the history import all call writeReportFigures inside
// their own transaction, after their own permission and version checks: it writes the figure
// columns and child rows, bumps the version by compare-and-swap, records a new report's status
// event, and writes the audit rows, last (tests/helpers/crash-*.ts pause there, before COMMIT).
// A stored report whose figures all equal the stored ones is left as it is: no write, no audit
// row, the same version, so a save that changes nothing does not make other editors' copies stale.

/** A report to create, and how its creation is recorded. */
export type NewReport = {
  provinceId: string;
  periodId: string;
  /** Named in the creation's audit row (codes as of the period). */
  provinceCode: string;
  periodCode: string;
  status: ReportStatus;
  /**
   * CREATE (the form): one audit row per figure entered. IMPORT (history): the figures are
   * counted in the creation's row instead, since a history file creates reports by the hundred.
   */
  recordedAs: 'CREATE' | 'IMPORT';
  /** The status event's comment. */
  comment?: string;
};

/** A stored report, and the version the writer read: the write is refused if another came first. */
export type StoredReport = { id: string; expectedVersion: number };

export type FiguresWrite = {
  report: NewReport | StoredReport;
  data: ReportData;
  /** The stored figures (null for a new report); the audit rows are the differences. */
  previousData: ReportData | null;
};

export type FiguresWriteOptions = {
  actorId: string | null;
  now: Date;
  /** Where the figures came from (a workbook, a history file), added to every audit row's details. */
  origin?: Record<string, string>;
  /** The refusal when another write bumped a stored report's version first. */
  staleVersion: (reportId: string, expectedVersion: number) => Promise<Error> | Error;
  /** The refusal when another writer created one of the new reports first. */
  alreadyCreated: () => Error;
};

/** `version` is the report's version after the write: the one read, for a report left unchanged. */
export type FiguresWritten = { reportId: string; version: number; changed: number };

const CHUNK = 1_000;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

const isNew = (report: FiguresWrite['report']): report is NewReport => 'provinceId' in report;

/**
 * Writes the figures of one or many reports in the caller's transaction, and says, in the
 * order given, each report's id, its new version and how many figures changed.
 */
export async function writeReportFigures(
  tx: Prisma.TransactionClient,
  writes: FiguresWrite[],
  options: FiguresWriteOptions,
): Promise<FiguresWritten[]> {
  const { actorId, now, origin } = options;
  const creations = writes.filter((w): w is FiguresWrite & { report: NewReport } => isNew(w.report));
  const created = creations.length
    ? await tx.report
        .createManyAndReturn({
          data: creations.map(({ report: r, data }) => ({
            provinceId: r.provinceId,
            periodId: r.periodId,
            status: r.status,
            version: 1,
            // A report created already approved (history) is approved as it is created.
            ...(r.status === 'APPROVED' ? { approvedAt: now } : {}),
            createdAt: now,
            updatedAt: now,
            ...reportColumns(data),
          })),
          select: { id: true, provinceId: true, periodId: true },
        })
        .catch((e: unknown) => {
          // Created by someone else between the caller's read and this write (PostgreSQL shows this race).
          if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw options.alreadyCreated();
          throw e;
        })
    : [];
  const idOf = new Map(created.map((r) => [`${r.provinceId}/${r.periodId}`, r.id]));

  // Every report, in the order given; `written`, the ones that are written (new or changed).
  const results: FiguresWritten[] = [];
  const written: Array<FiguresWritten & { write: FiguresWrite; changes: ReturnType<typeof diffReportData> }> = [];
  for (const write of writes) {
    const changes = diffReportData(write.previousData ?? emptyReportData(), write.data);
    const { report } = write;
    if (isNew(report)) {
      written.push({ write, changes, reportId: idOf.get(`${report.provinceId}/${report.periodId}`)!, version: 1, changed: changes.length });
      results.push(written.at(-1)!);
      continue;
    }
    if (changes.length === 0) {
      results.push({ reportId: report.id, version: report.expectedVersion, changed: 0 });
      continue;
    }
    // Compare-and-swap on the version: a concurrent write that won makes this update match nothing.
    const bumped = await tx.report.updateMany({
      where: { id: report.id, version: report.expectedVersion },
      data: { ...reportColumns(write.data), version: { increment: 1 }, updatedAt: now },
    });
    if (bumped.count !== 1) throw await options.staleVersion(report.id, report.expectedVersion);
    written.push({ write, changes, reportId: report.id, version: report.expectedVersion + 1, changed: changes.length });
    results.push(written.at(-1)!);
  }

  // Child rows are replaced whole: every key is written, figures possibly null.
  const storedIds = written.filter((w) => !isNew(w.write.report)).map((w) => w.reportId);
  if (storedIds.length) {
    await tx.modelFigure.deleteMany({ where: { reportId: { in: storedIds } } });
    await tx.fundMobilisation.deleteMany({ where: { reportId: { in: storedIds } } });
    await tx.awardFigure.deleteMany({ where: { reportId: { in: storedIds } } });
  }
  const children = written.map((w) => childRows(w.reportId, w.write.data));
  await inChunks(children.flatMap((c) => c.modelFigures), (data) => tx.modelFigure.createMany({ data }));
  await inChunks(children.flatMap((c) => c.fundMobilisations), (data) => tx.fundMobilisation.createMany({ data }));
  await inChunks(children.flatMap((c) => c.awards), (data) => tx.awardFigure.createMany({ data }));

  const events = written.flatMap(({ write: { report }, reportId }) =>
    isNew(report) ? [{ reportId, fromStatus: null, toStatus: report.status, action: report.recordedAs, comment: report.comment ?? null, actorId, at: now }] : [],
  );
  await inChunks(events, (data) => tx.reportStatusEvent.createMany({ data }));

  const audit = written.flatMap(({ write: { report }, reportId, version, changes }): AuditEntry[] => {
    const figures = changes.map((c) => ({
      actorId,
      action: 'report.update',
      entityType: 'Report',
      entityId: reportId,
      field: c.path,
      oldValue: c.before,
      newValue: c.after,
      at: now,
      details: { version, ...origin },
    }));
    if (!isNew(report)) return figures;
    const counted = report.recordedAs === 'IMPORT';
    const creation = {
      actorId,
      action: `report.${report.recordedAs.toLowerCase()}`,
      entityType: 'Report',
      entityId: reportId,
      newValue: report.status,
      at: now,
      details: { province: report.provinceCode, period: report.periodCode, ...(counted ? { figures: changes.length } : {}), ...origin },
    };
    return counted ? [creation] : [creation, ...figures];
  });
  await inChunks(audit, (entries) => writeAudit(tx, entries));

  return results.map(({ reportId, version, changed }) => ({ reportId, version, changed }));
}
