import 'server-only';
import { Prisma } from '../generated/prisma/client';
import type { ReportStatus } from '../generated/prisma/enums';
import { canViewProvince, couldEverAct, overridesPeriodLocks, ownProvinceId, provinceStillInForce, relationTo, type SessionUser } from '../permissions';
import { conflict, forbidden, notFound, UserFacingError } from '../errors';
import { formatDateTime } from '../format';
import { periodLabel, previousPeriodCode } from '../reference/periods';
import { effectiveDeadline } from '../reference/deadlines';
import { firstSubmission, isLate, timelinessOf, type Timeliness } from './timeliness';
import type { ReportData } from './data';
import { COMMENT_MAX_LENGTH, ReviewCommentSchema } from './action-schemas';
import { REPORT_FIELD_BY_PATH } from './fields';
import { sumReportData } from './rollup';
import { allowedActions, nextStatus, statusAfterEdit, type ActorRelation, type AllowedActions, type ReportAction } from './status';
import { checkReport, type ReportCheck } from './rules';
import { readValidationThresholds } from '../reference/settings-store';
import type { ValidationThresholds } from '../reference/settings';
import { writeAudit } from '../platform/audit';
import { writeReportFigures } from './report-writes';
import { inForceWhere } from '../reference/validity';
import type { Db, DbClient } from '../platform/db';
import { provinceScope } from '../reference/provinces';
import { REPORT_FIGURES_SELECT, rowsToReportData } from './mapping';
import { notifyReportStatusChange } from '../notifications/events';

export type ReportRef = { provinceCode: string; periodCode: string };

type Context = {
  period: { id: string; code: string; startDate: Date; endDate: Date; deadline: Date; locked: boolean };
  province: { id: string; code: string; name: string; validTo: Date | null };
  relation: ActorRelation;
  canView: boolean;
};

/**
 * Resolves a province code at the period's date (codes are reused across the
 * 2025 mergers) and the user's relation to it. Scope always comes from the
 * session user, never from the request.
 */
async function resolveContext(db: DbClient, user: SessionUser, ref: ReportRef, now: Date): Promise<Context> {
  const period = await db.period.findUnique({
    where: { code: ref.periodCode },
    select: { id: true, code: true, startDate: true, endDate: true, deadline: true, locked: true },
  });
  if (!period) throw notFound(`Không có kỳ báo cáo ${ref.periodCode}.`);
  const province = await db.province.findFirst({
    where: { code: ref.provinceCode, ...inForceWhere(period.startDate) },
    select: { id: true, code: true, name: true, validTo: true, memberships: { select: { clusterId: true, validFrom: true, validTo: true } } },
  });
  if (!province) throw notFound(`Không có tỉnh, thành phố mã ${ref.provinceCode} trong ${periodLabel(period.code)}.`);

  const ownProvince = ownProvinceId(user);
  const scope = ownProvince ? await provinceScope(db, ownProvince) : [];
  const canView = canViewProvince(user, province.id, {
    provinceScope: scope,
    clusterIdsOfProvince: province.memberships.map((m) => m.clusterId),
  });
  const relation = relationTo(user, province, period, now);
  return { period, province: { id: province.id, code: province.code, name: province.name, validTo: province.validTo }, relation, canView };
}

const REPORT_SELECT = {
  id: true,
  status: true,
  version: true,
  submittedAt: true,
  firstSubmittedAt: true,
  approvedAt: true,
  unlockedByAdmin: true,
  warningExplanations: true,
  updatedAt: true,
  ...REPORT_FIGURES_SELECT,
} satisfies Prisma.ReportSelect;

type ReportRow = Prisma.ReportGetPayload<{ select: typeof REPORT_SELECT }>;

/** The context and the stored report (if any), refusing readers out of scope. */
async function loadReport(db: DbClient, user: SessionUser, ref: ReportRef, now: Date): Promise<{ ctx: Context; report: ReportRow | null }> {
  const ctx = await resolveContext(db, user, ref, now);
  if (!ctx.canView) throw forbidden('Báo cáo này nằm ngoài phạm vi tài khoản của bạn.');
  const report = await db.report.findUnique({
    where: { provinceId_periodId: { provinceId: ctx.province.id, periodId: ctx.period.id } },
    select: REPORT_SELECT,
  });
  return { ctx, report };
}

function allowedFor(ctx: Context, report: Pick<ReportRow, 'status' | 'unlockedByAdmin'> | null, now: Date): AllowedActions {
  return allowedActions(report?.status ?? null, ctx.relation, {
    locked: ctx.period.locked,
    unlockedByAdmin: report?.unlockedByAdmin ?? false,
    provinceInForce: provinceStillInForce(ctx.province, now),
  });
}

/** The province's extension of the period's deadline, if an administrator granted one. */
async function extensionOf(db: DbClient, ctx: Context): Promise<{ deadline: Date; reason: string } | null> {
  return db.deadlineExtension.findUnique({
    where: { periodId_provinceId: { periodId: ctx.period.id, provinceId: ctx.province.id } },
    select: { deadline: true, reason: true },
  });
}

/**
 * The previous period's figures for comparison: the province's own report,
 * or, for a province formed by a merger, its predecessors' reports added up.
 */
async function previousData(db: DbClient, ctx: Context): Promise<{ periodCode: string; data: ReportData } | null> {
  const prevCode = previousPeriodCode(ctx.period.code);
  const rows = await db.report.findMany({
    where: {
      period: { code: prevCode },
      OR: [{ provinceId: ctx.province.id }, { province: { successorId: ctx.province.id } }],
    },
    select: { provinceId: true, ...REPORT_FIGURES_SELECT },
  });
  const own = rows.find((r) => r.provinceId === ctx.province.id);
  const data = own ? rowsToReportData(own) : sumReportData(rows.map(rowsToReportData));
  return data ? { periodCode: prevCode, data } : null;
}

/**
 * The fund's closing balance in the previous period's approved report, which this period's
 * opening balance carries on: the province's own, or for a province formed by a merger its
 * predecessors' added up (named in `mergedFrom`). Null unless every report it rests on is
 * approved and has the figure: an unapproved figure may still change.
 */
async function previousClosing(db: DbClient, ctx: Context): Promise<ReportView['previousClosing']> {
  const periodCode = previousPeriodCode(ctx.period.code);
  const rows = await db.report.findMany({
    where: { period: { code: periodCode }, OR: [{ provinceId: ctx.province.id }, { province: { successorId: ctx.province.id } }] },
    select: { provinceId: true, status: true, fundClosing: true, province: { select: { name: true } } },
  });
  const own = rows.filter((r) => r.provinceId === ctx.province.id);
  const used = own.length ? own : rows;
  if (!used.length || used.some((r) => r.status !== 'APPROVED' || r.fundClosing === null)) return null;
  return {
    periodCode,
    amount: used.reduce((sum, r) => sum + r.fundClosing!, 0n),
    mergedFrom: own.length ? [] : used.map((r) => r.province.name).sort((a, b) => a.localeCompare(b, 'vi')),
  };
}

export type ReportHistoryEntry =
  | { kind: 'status'; at: Date; actor: string | null; action: string; fromStatus: ReportStatus | null; toStatus: ReportStatus; comment: string | null }
  | { kind: 'field'; at: Date; actor: string | null; field: string; label: string; oldValue: string | null; newValue: string | null };

export type ReportView = {
  province: { id: string; code: string; name: string };
  period: { code: string; startDate: Date; endDate: Date; deadline: Date; locked: boolean };
  /** The province's own deadline: the period's, or its extension when later. */
  deadline: Date;
  /** The extension granted to the province for this period, with its reason. */
  extension: { deadline: Date; reason: string } | null;
  /** ON_TIME / LATE on the first submission; OVERDUE / OPEN while never submitted. */
  timeliness: Timeliness;
  report: {
    id: string;
    status: ReportStatus;
    version: number;
    /** The latest submission. */
    submittedAt: Date | null;
    /** The first submission, on which timeliness is measured. */
    firstSubmittedAt: Date | null;
    approvedAt: Date | null;
    updatedAt: Date;
    warningExplanations: Record<string, string>;
  } | null;
  data: ReportData | null;
  previous: { periodCode: string; data: ReportData } | null;
  /** The previous approved closing balance, offered as this period's opening balance. */
  previousClosing: { periodCode: string; amount: bigint; mergedFrom: string[] } | null;
  check: ReportCheck | null;
  /** The validation thresholds in force, for the form's own checks. */
  thresholds: ValidationThresholds;
  allowed: AllowedActions;
  /** The comment of the latest return or reopening, while the report is returned. */
  returnComment: string | null;
  history: ReportHistoryEntry[];
};

/** A report as its reader sees it, with what they may do. Refuses readers out of scope. */
export async function getReportView(db: Db, user: SessionUser, ref: ReportRef, now = new Date()): Promise<ReportView> {
  const { ctx, report } = await loadReport(db, user, ref, now);
  const [previous, closing, extension, thresholds] = await Promise.all([
    previousData(db, ctx),
    previousClosing(db, ctx),
    extensionOf(db, ctx),
    readValidationThresholds(db),
  ]);
  const deadline = effectiveDeadline(ctx.period.deadline, extension?.deadline);
  const data = report ? rowsToReportData(report) : null;
  const history = report ? await reportHistory(db, report.id) : [];
  const lastReturn = history.find((h) => h.kind === 'status' && (h.action === 'RETURN' || h.action === 'REOPEN'));
  return {
    province: { id: ctx.province.id, code: ctx.province.code, name: ctx.province.name },
    period: { code: ctx.period.code, startDate: ctx.period.startDate, endDate: ctx.period.endDate, deadline: ctx.period.deadline, locked: ctx.period.locked },
    deadline,
    extension,
    timeliness: timelinessOf(report, deadline, now),
    report: report && {
      id: report.id,
      status: report.status,
      version: report.version,
      submittedAt: report.submittedAt,
      firstSubmittedAt: firstSubmission(report),
      approvedAt: report.approvedAt,
      updatedAt: report.updatedAt,
      warningExplanations: (report.warningExplanations ?? {}) as Record<string, string>,
    },
    data,
    previous,
    previousClosing: closing,
    check: data ? checkReport(data, previous?.data ?? null, thresholds) : null,
    thresholds,
    allowed: allowedFor(ctx, report, now),
    returnComment: report?.status === 'RETURNED' && lastReturn?.kind === 'status' ? lastReturn.comment : null,
    history,
  };
}

/**
 * Status changes and field changes, newest first, from the audit log alone:
 * its ids give the true order of writes, even within one transaction.
 */
async function reportHistory(db: DbClient, reportId: string): Promise<ReportHistoryEntry[]> {
  const rows = await db.auditLog.findMany({
    where: { entityType: 'Report', entityId: reportId },
    orderBy: { id: 'desc' },
    take: 1000,
    select: { at: true, actorId: true, action: true, field: true, oldValue: true, newValue: true, details: true },
  });
  const actorIds = [...new Set(rows.map((a) => a.actorId).filter((x): x is string => x !== null))];
  const actors = new Map((await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return rows.map((a): ReportHistoryEntry => {
    const actor = a.actorId ? (actors.get(a.actorId) ?? null) : null;
    if (a.field) {
      const label = REPORT_FIELD_BY_PATH.get(a.field)?.label ?? a.field;
      return { kind: 'field', at: a.at, actor, field: a.field, label, oldValue: a.oldValue, newValue: a.newValue };
    }
    const details = (a.details ?? {}) as { comment?: string | null };
    return {
      kind: 'status',
      at: a.at,
      actor,
      action: a.action.replace(/^report\./, '').toUpperCase(),
      fromStatus: (a.oldValue as ReportStatus | null) ?? null,
      toStatus: (a.newValue as ReportStatus) ?? 'DRAFT',
      comment: details.comment ?? null,
    };
  });
}

/** A refusal is 403 when the user may never act so, 409 when the report's state forbids it now. */
function refuseUnlessAllowed(ctx: Context, allowed: AllowedActions, action: ReportAction): void {
  const a = allowed[action];
  if (a.allowed) return;
  const message = a.reason ?? 'Bạn không có quyền thực hiện thao tác này.';
  throw new UserFacingError(message, {}, couldEverAct(ctx.relation, action) ? 'CONFLICT' : 'FORBIDDEN');
}

/**
 * The refusal of a save made on a stale version, naming the figures others
 * changed since that version (from the audit log, where each change records
 * the version it produced).
 */
async function staleVersion(tx: DbClient, reportId: string, given: number): Promise<UserFacingError> {
  const current = await tx.report.findUnique({ where: { id: reportId }, select: { version: true, updatedAt: true } });
  const rows = await tx.auditLog.findMany({
    where: { entityType: 'Report', entityId: reportId, action: 'report.update', details: { path: ['version'], gt: given } },
    select: { field: true, actorId: true },
    orderBy: { id: 'asc' },
  });
  const paths = [...new Set(rows.map((r) => r.field).filter((f): f is string => f !== null))];
  const labels = paths.slice(0, 5).map((p) => REPORT_FIELD_BY_PATH.get(p)?.label ?? p);
  const more = paths.length > 5 ? ` và ${paths.length - 5} số liệu khác` : '';
  const what = labels.length ? ` Số liệu đã thay đổi: ${labels.join('; ')}${more}.` : '';
  const version = current?.version ?? given + 1;
  const when = current ? ` lúc ${formatDateTime(current.updatedAt)}` : '';
  return conflict(
    `Báo cáo vừa được người khác cập nhật${when} (phiên bản ${version}; bạn đang sửa phiên bản ${given}).${what} Thay đổi của bạn chưa được lưu: hãy tải lại báo cáo để xem số liệu mới nhất.`,
    { version: [`Phiên bản ${given} đã cũ; phiên bản hiện tại là ${version}.`] },
  );
}

type Interactive = { maxWait: number; timeout: number; isolationLevel: Prisma.TransactionIsolationLevel };
const TX: Interactive = { maxWait: 10_000, timeout: 20_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted };

/**
 * Saves a draft (incomplete is fine). `version` is the version the user
 * edited: 0 when the report does not exist yet. One transaction: the figures,
 * the version bump, one audit row per changed figure (writeReportFigures).
 * A save that changes no figure writes nothing and keeps the version, so
 * that another editor's copy of that version stays current.
 */
export async function saveReportDraft(
  db: Db,
  user: SessionUser,
  input: ReportRef & { version: number; data: ReportData },
  now = new Date(),
  origin?: SaveOrigin,
): Promise<{ version: number; changed: number }> {
  return db.$transaction((tx) => saveDraftInTx(tx, user, input, now, origin), TX);
}

/** Where figures came from other than the form, recorded on each audit row (e.g. an uploaded workbook). */
export type SaveOrigin = { source: 'xlsx'; fileName: string; sha256: string };

async function saveDraftInTx(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  input: ReportRef & { version: number; data: ReportData },
  now: Date,
  origin?: SaveOrigin,
): Promise<{ version: number; changed: number }> {
  const { ctx, report: existing } = await loadReport(tx, user, input, now);
  refuseUnlessAllowed(ctx, allowedFor(ctx, existing, now), 'EDIT');

  const before = existing ? rowsToReportData(existing) : null;
  if (!existing && input.version !== 0) throw conflict('Báo cáo chưa tồn tại; hãy tải lại báo cáo.', { version: ['Phiên bản không khớp.'] });
  if (existing && existing.version !== input.version) throw await staleVersion(tx, existing.id, input.version);

  const [written] = await writeReportFigures(
    tx,
    [
      {
        report: existing
          ? { id: existing.id, expectedVersion: input.version }
          : {
              provinceId: ctx.province.id,
              periodId: ctx.period.id,
              provinceCode: ctx.province.code,
              periodCode: ctx.period.code,
              status: statusAfterEdit(null),
              recordedAs: 'CREATE',
            },
        data: input.data,
        previousData: before,
      },
    ],
    {
      actorId: user.id,
      now,
      origin,
      staleVersion: (reportId, given) => staleVersion(tx, reportId, given),
      alreadyCreated: () =>
        conflict('Báo cáo vừa được người khác tạo. Thay đổi của bạn chưa được lưu: hãy tải lại báo cáo.', { version: ['Phiên bản 0 đã cũ.'] }),
    },
  );
  return { version: written.version, changed: written.changed };
}

type Transition = ReportRef & { version: number };

type Applied = { data: Prisma.ReportUpdateManyMutationInput; comment: string | null; details?: Record<string, Prisma.InputJsonValue> };

/**
 * One status change in one transaction: scope, allowed action, version
 * compare-and-swap, the status event and its audit row.
 */
async function transition(
  db: Db,
  user: SessionUser,
  input: Transition,
  action: Exclude<ReportAction, 'EDIT'>,
  apply: (tx: Prisma.TransactionClient, ctx: Context, report: ReportRow) => Promise<Applied>,
  now: Date,
): Promise<{ version: number; status: ReportStatus }> {
  return db.$transaction((tx) => transitionInTx(tx, user, input, action, apply, now), TX);
}

async function transitionInTx(
  tx: Prisma.TransactionClient,
  user: SessionUser,
  input: Transition,
  action: Exclude<ReportAction, 'EDIT'>,
  apply: (tx: Prisma.TransactionClient, ctx: Context, report: ReportRow) => Promise<Applied>,
  now: Date,
): Promise<{ version: number; status: ReportStatus }> {
  const { ctx, report } = await loadReport(tx, user, input, now);
  if (!report) throw notFound(`${ctx.province.name} chưa có báo cáo ${periodLabel(ctx.period.code)}.`);
  refuseUnlessAllowed(ctx, allowedFor(ctx, report, now), action);
  if (report.version !== input.version) throw await staleVersion(tx, report.id, input.version);
  const toStatus = nextStatus(report.status, action);
  const { data, comment, details } = await apply(tx, ctx, report);
  const updated = await tx.report.updateMany({
    where: { id: report.id, version: input.version },
    data: { ...data, status: toStatus, version: { increment: 1 }, updatedAt: now },
  });
  if (updated.count !== 1) throw await staleVersion(tx, report.id, input.version);
  await tx.reportStatusEvent.create({
    data: { reportId: report.id, fromStatus: report.status, toStatus, action, comment, actorId: user.id, at: now },
  });
  await writeAudit(tx, {
    actorId: user.id,
    action: `report.${action.toLowerCase()}`,
    entityType: 'Report',
    entityId: report.id,
    oldValue: report.status,
    newValue: toStatus,
    at: now,
    details: { comment, ...details },
  });
  // The notices of the change, in its transaction (lib/notifications/events.ts).
  await notifyReportStatusChange(tx, { action, reportId: report.id, fromStatus: report.status, province: ctx.province, period: ctx.period, comment, actor: user }, now);
  return { version: report.version + 1, status: toStatus };
}

/**
 * Submits a report: every required figure present, no blocking rule failed,
 * and every warning explained (DHIS2 lets warnings through; we ask why).
 */
export async function submitReport(
  db: Db,
  user: SessionUser,
  input: Transition & { explanations?: Record<string, string> },
  now = new Date(),
) {
  return transition(db, user, input, 'SUBMIT', submitChecks(input.explanations, now), now);
}

/**
 * Saves the figures and submits them in one transaction: if the submission is
 * refused, the figures are not saved either (the form keeps them on screen).
 */
export async function saveAndSubmitReport(
  db: Db,
  user: SessionUser,
  input: ReportRef & { version: number; data: ReportData; explanations?: Record<string, string> },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const saved = await saveDraftInTx(tx, user, input, now);
    return transitionInTx(tx, user, { ...input, version: saved.version }, 'SUBMIT', submitChecks(input.explanations, now), now);
  }, TX);
}

function submitChecks(explanationsInput: Record<string, string> | undefined, now: Date) {
  return async (tx: Prisma.TransactionClient, ctx: Context, report: ReportRow): Promise<Applied> => {
      const [previous, thresholds] = await Promise.all([previousData(tx, ctx), readValidationThresholds(tx)]);
      const check = checkReport(rowsToReportData(report), previous?.data ?? null, thresholds);
      const fieldErrors: Record<string, string[]> = {};
      for (const path of check.missing) fieldErrors[path] = [`${REPORT_FIELD_BY_PATH.get(path)?.label ?? path}: chưa nhập.`];
      for (const r of check.blocking) for (const f of r.rule.fields) (fieldErrors[f] ??= []).push(r.message);
      if (check.missing.length || check.blocking.length) {
        const parts: string[] = [];
        if (check.missing.length) parts.push(`còn ${check.missing.length} số liệu bắt buộc chưa nhập`);
        if (check.blocking.length) parts.push(`${check.blocking.length} lỗi phải sửa`);
        throw new UserFacingError(`Chưa gửi được: ${parts.join(', ')}.`, fieldErrors, 'RULES_FAILED');
      }
      const explanations: Record<string, string> = {};
      const unexplained: Record<string, string[]> = {};
      for (const w of check.warnings) {
        const text = explanationsInput?.[w.rule.id]?.trim();
        if (text) explanations[w.rule.id] = text.slice(0, COMMENT_MAX_LENGTH);
        else unexplained[`explanations.${w.rule.id}`] = [`Cần giải trình: ${w.message}`];
      }
      const count = Object.keys(unexplained).length;
      if (count) throw new UserFacingError(`Chưa gửi được: ${count} cảnh báo cần giải trình.`, unexplained, 'RULES_FAILED');
      // The first submission is kept for good: timeliness is measured on it (./timeliness.ts).
      const first = firstSubmission(report) ?? now;
      const extension = await extensionOf(tx, ctx);
      const late = isLate(first, effectiveDeadline(ctx.period.deadline, extension?.deadline));
      return {
        data: { submittedAt: now, firstSubmittedAt: first, unlockedByAdmin: false, warningExplanations: explanations },
        comment: null,
        details: { explanations, late },
      };
  };
}

export async function approveReport(db: Db, user: SessionUser, input: Transition, now = new Date()) {
  // Approving closes entry again, also on a report an administrator had unlocked and approves as it stands.
  return transition(db, user, input, 'APPROVE', async () => ({ data: { approvedAt: now, unlockedByAdmin: false }, comment: null }), now);
}

/** The form's rule for a reviewer's comment, applied again here for the API (which lets it be absent). */
function requireComment(comment: string | undefined, field: string): string {
  const parsed = ReviewCommentSchema.safeParse(comment ?? '');
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0].message;
  throw new UserFacingError(message, { [field]: [message] }, 'INVALID_INPUT');
}

/**
 * Returns a submitted report to the province with a required comment. An administrator's return,
 * like their reopening, lets the province correct it although the period is locked.
 */
export async function returnReport(db: Db, user: SessionUser, input: Transition & { comment?: string }, now = new Date()) {
  const comment = requireComment(input.comment, 'comment');
  return transition(
    db,
    user,
    input,
    'RETURN',
    async () => ({ data: { approvedAt: null, unlockedByAdmin: overridesPeriodLocks(user) }, comment }),
    now,
  );
}

/**
 * Reopens an approved report with a reason. An administrator's reopening also
 * unlocks entry past the deadline or the period lock, until the next submission.
 */
export async function reopenReport(db: Db, user: SessionUser, input: Transition & { comment?: string }, now = new Date()) {
  const comment = requireComment(input.comment, 'comment');
  return transition(
    db,
    user,
    input,
    'REOPEN',
    async () => ({ data: { approvedAt: null, unlockedByAdmin: overridesPeriodLocks(user) }, comment }),
    now,
  );
}
