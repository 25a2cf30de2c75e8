import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import type { ReportStatus } from '../generated/prisma/enums';
import type { SessionUser } from '../permissions';
import { effectiveDeadline } from '../reference/deadlines';
import { firstSubmission, isLate } from '../reports/timeliness';
import { buildMessage, type NotificationEvent } from './messages';
import { recordNotifications, type Delivery, type Recorded } from './outbox';
import { clusterLeadersOf, staffOfProvinces } from './recipients';

// The notices of an event, written in the event's own transaction (the report store's status
// changes, the administrator's account changes): called after the change and its audit rows,
// so a refused change, which throws before, sends nothing, and a rolled-back one leaves nothing.

type Tx = Prisma.TransactionClient;

export type ReportStatusChange = {
  action: 'SUBMIT' | 'APPROVE' | 'RETURN' | 'REOPEN';
  reportId: string;
  fromStatus: ReportStatus;
  province: { id: string; code: string; name: string };
  period: { id: string; code: string; startDate: Date; deadline: Date };
  comment: string | null;
  actor: Pick<SessionUser, 'id' | 'name'>;
};

/**
 * A submission tells the leaders of the province's cluster (by membership on the period's first
 * day); a return, an approval or a reopening tells the province's staff. Never the actor.
 */
export async function notifyReportStatusChange(tx: Tx, change: ReportStatusChange, now: Date): Promise<Recorded> {
  const { province, period, action } = change;
  const extension = await tx.deadlineExtension.findUnique({
    where: { periodId_provinceId: { periodId: period.id, provinceId: province.id } },
    select: { deadline: true },
  });
  const deadline = effectiveDeadline(period.deadline, extension?.deadline);
  const base = { province: { code: province.code, name: province.name }, periodCode: period.code };

  let event: NotificationEvent;
  let recipients: { id: string; email: string; name: string }[];
  if (action === 'SUBMIT') {
    const report = await tx.report.findUniqueOrThrow({ where: { id: change.reportId }, select: { submittedAt: true, firstSubmittedAt: true } });
    event = { kind: 'REPORT_SUBMITTED', ...base, deadline, at: now, late: isLate(firstSubmission(report), deadline), resubmitted: change.fromStatus === 'RETURNED' };
    recipients = (await clusterLeadersOf(tx, [province.id], period.startDate)).get(province.id) ?? [];
  } else {
    const comment = change.comment ?? '';
    event =
      action === 'APPROVE'
        ? { kind: 'REPORT_APPROVED', ...base, actorName: change.actor.name, at: now }
        : action === 'RETURN'
          ? { kind: 'REPORT_RETURNED', ...base, deadline, actorName: change.actor.name, comment }
          : { kind: 'REPORT_REOPENED', ...base, deadline, actorName: change.actor.name, comment };
    recipients = (await staffOfProvinces(tx, [province.id])).get(province.id) ?? [];
  }
  const message = buildMessage(event);
  // Once per person (a leader of two clusters the province belonged to), and never the actor.
  const deliveries: Delivery[] = [...new Map(recipients.map((r) => [r.id, r])).values()]
    .filter((r) => r.id !== change.actor.id)
    .map((recipient) => ({ recipient, message }));
  return recordNotifications(tx, deliveries, now);
}

export type AccountChange = { kind: 'ACCOUNT_CREATED' | 'PASSWORD_RESET' | 'ACCOUNT_LOCKED' | 'ACCOUNT_UNLOCKED'; userId: string };

/**
 * An administrator's change to an account tells its owner, also when the change locks it (the
 * e-mail is then the only way to tell them). Security messages: e-mailed whatever the owner chose.
 */
export async function notifyAccountChange(tx: Tx, change: AccountChange, now: Date): Promise<Recorded> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: change.userId },
    select: { id: true, email: true, name: true, role: true, province: { select: { name: true } }, cluster: { select: { name: true } } },
  });
  const event: NotificationEvent =
    change.kind === 'ACCOUNT_CREATED'
      ? { kind: change.kind, email: user.email, role: user.role, scope: user.province?.name ?? user.cluster?.name ?? null, at: now }
      : { kind: change.kind, email: user.email, at: now };
  return recordNotifications(tx, [{ recipient: { id: user.id, email: user.email, name: user.name }, message: buildMessage(event) }], now);
}
