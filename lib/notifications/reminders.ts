import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { conflict, forbidden, notFound } from '../errors';
import { formatDateTime } from '../format';
import { canSeeEveryProvince, canViewCluster, provinceStillInForce, reviewsReports, type SessionUser } from '../permissions';
import { writeAudit } from '../platform/audit';
import type { Db } from '../platform/db';
import { effectiveDeadline } from '../reference/deadlines';
import { periodLabel } from '../reference/periods';
import { inForceWhere, isInForce, vietnamDay } from '../reference/validity';
import { buildMessage } from './messages';
import { recordNotifications, type Delivery } from './outbox';
import { clusterLeadersOf, staffOfProvinces } from './recipients';
import { DAILY_REMINDER_JOB, deadlineWindow, hasSubmitted, reminderKey, reminderStage, type ReminderStage } from './schedule';
import type { ClusterReminderInput } from './schemas';

// Reminders of a deadline: the cluster leader's "Nhắc các tỉnh chưa nộp" and the daily job
// (7 days and 1 day before a province's deadline, and the day after it).

const TX = { maxWait: 10_000, timeout: 30_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted };

/** A leader's reminder for the same cluster and period within this time is refused: a second press is a mistake. */
export const REMINDER_COOLDOWN_MS = 10 * 60_000;

/** Who may remind a cluster's provinces: a reviewer who may see the cluster (its leader, or an administrator). */
export function mayRemindCluster(user: SessionUser, clusterId: string): boolean {
  return reviewsReports(user) && canViewCluster(user, clusterId);
}

export type ClusterReminderResult = {
  periodCode: string;
  reminded: { code: string; name: string; recipients: number }[];
  /** Provinces that have not submitted but have no active staff account to tell. */
  withoutAccounts: { code: string; name: string }[];
  notifications: number;
  emails: number;
};

/**
 * The leader's reminder: a notification to the staff of every province of the cluster (members
 * on the period's first day, still in force) that has not submitted its report, with the
 * leader's line of text. One transaction with its audit row; refused when the period is locked,
 * when every province has submitted, or when the cluster was reminded for the period a moment ago.
 */
export async function remindUnsubmittedProvinces(db: Db, actor: SessionUser, input: ClusterReminderInput, now = new Date()): Promise<ClusterReminderResult> {
  const cluster = await db.cluster.findUnique({ where: { code: input.clusterCode }, select: { id: true, code: true, name: true } });
  if (!cluster) throw canSeeEveryProvince(actor) ? notFound(`Không có cụm ${input.clusterCode}.`) : forbidden();
  if (!mayRemindCluster(actor, cluster.id)) throw forbidden('Chỉ cụm trưởng của cụm (hoặc quản trị viên) nhắc được các tỉnh.');
  const period = await db.period.findUnique({ where: { code: input.periodCode }, select: { id: true, code: true, startDate: true, deadline: true, locked: true } });
  if (!period) throw notFound(`Không có kỳ báo cáo ${input.periodCode}.`);
  if (period.locked) throw conflict(`Kỳ ${periodLabel(period.code)} đã khoá sổ, không còn nhận báo cáo: không nhắc được.`);

  return db.$transaction(async (tx) => {
    const last = await tx.auditLog.findFirst({
      where: { action: 'notification.remind', entityType: 'Cluster', entityId: cluster.id, newValue: period.code, at: { gt: new Date(now.getTime() - REMINDER_COOLDOWN_MS) } },
      orderBy: { id: 'desc' },
      select: { at: true },
    });
    if (last) {
      throw conflict(`Cụm vừa nhắc các tỉnh về ${periodLabel(period.code)} lúc ${formatDateTime(last.at)}. Hãy đợi ít nhất ${REMINDER_COOLDOWN_MS / 60_000} phút trước khi nhắc lại.`);
    }
    const memberships = await tx.clusterMembership.findMany({
      where: { clusterId: cluster.id, ...inForceWhere(period.startDate) },
      select: { province: { select: { id: true, code: true, name: true, validTo: true } } },
      orderBy: { province: { name: 'asc' } },
    });
    const provinces = memberships.map((m) => m.province).filter((p) => provinceStillInForce(p, now));
    const ids = provinces.map((p) => p.id);
    const [reports, extensions] = await Promise.all([
      tx.report.findMany({ where: { periodId: period.id, provinceId: { in: ids } }, select: { provinceId: true, status: true } }),
      tx.deadlineExtension.findMany({ where: { periodId: period.id, provinceId: { in: ids } }, select: { provinceId: true, deadline: true } }),
    ]);
    const status = new Map(reports.map((r) => [r.provinceId, r.status]));
    const extendedTo = new Map(extensions.map((e) => [e.provinceId, e.deadline]));
    const pending = provinces.filter((p) => !hasSubmitted(status.get(p.id) ?? null));
    if (pending.length === 0) throw conflict(`Mọi tỉnh trong cụm đã gửi báo cáo ${periodLabel(period.code)}: không có tỉnh nào để nhắc.`);

    const staff = await staffOfProvinces(tx, pending.map((p) => p.id));
    const deliveries: Delivery[] = pending.flatMap((p) => {
      const extension = extendedTo.get(p.id);
      const message = buildMessage({
        kind: 'CLUSTER_REMINDER',
        clusterName: cluster.name,
        senderName: actor.name,
        note: input.note,
        province: { code: p.code, name: p.name },
        periodCode: period.code,
        deadline: effectiveDeadline(period.deadline, extension),
        extended: extension !== undefined && extension.getTime() > period.deadline.getTime(),
      });
      return (staff.get(p.id) ?? []).filter((r) => r.id !== actor.id).map((recipient) => ({ recipient, message }));
    });
    const recorded = await recordNotifications(tx, deliveries, now);
    const reminded = pending.filter((p) => (staff.get(p.id) ?? []).length > 0).map((p) => ({ code: p.code, name: p.name, recipients: staff.get(p.id)!.length }));
    const withoutAccounts = pending.filter((p) => (staff.get(p.id) ?? []).length === 0).map((p) => ({ code: p.code, name: p.name }));
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'notification.remind',
      entityType: 'Cluster',
      entityId: cluster.id,
      newValue: period.code,
      details: { cluster: cluster.code, note: input.note, provinces: reminded.map((p) => p.code), withoutAccounts: withoutAccounts.map((p) => p.code), recipients: recorded.notifications },
      at: now,
    });
    return { periodCode: period.code, reminded, withoutAccounts, ...recorded };
  }, TX);
}

// ---------------------------------------------------------------------------------------------
// The daily job

export type DailyReminderSummary = { day: string; stages: Record<ReminderStage, number>; notifications: number; emails: number };

const isLockTimeout = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError ? /lock timeout|55P03/i.test(error.message) : /lock timeout|55P03/i.test(String(error));

/**
 * Today's reminders (Vietnam calendar day), once: the job's row in ScheduledRun is written first,
 * in the same transaction as the notifications, so that of several instances running it at once
 * one writes and the others find the day done (they wait for its commit on the row's key, or give
 * up on a lock timeout and find it done on their next run). Null when the day was already done.
 * Periods not locked; provinces in force on the period's first day and still in force; those that
 * have not submitted (no report, a draft, or a returned report). A fixed number of queries.
 */
export async function runDailyReminders(db: Db, now = new Date()): Promise<DailyReminderSummary | null> {
  const day = vietnamDay(now);
  const dayText = day.toISOString().slice(0, 10);
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO "ScheduledRun" ("job", "day", "finishedAt") VALUES (${DAILY_REMINDER_JOB}, ${dayText}::date, ${sqlTimestamp(now)}::timestamp)
        ON CONFLICT DO NOTHING`;
      if (claimed === 0) return null;

      const { from, to } = deadlineWindow(now);
      const periods = await tx.period.findMany({
        where: { locked: false, OR: [{ deadline: { gte: from, lte: to } }, { extensions: { some: { deadline: { gte: from, lte: to } } } }] },
        select: { id: true, code: true, startDate: true, deadline: true, extensions: { select: { provinceId: true, deadline: true } } },
      });
      const stages: Record<ReminderStage, number> = { D7: 0, D1: 0, OVERDUE: 0 };
      if (periods.length === 0) return finish(tx, dayText, { day: dayText, stages, notifications: 0, emails: 0 });

      const [provinces, reports] = await Promise.all([
        tx.province.findMany({ where: { OR: [{ validTo: null }, { validTo: { gte: day } }] }, select: { id: true, code: true, name: true, validFrom: true, validTo: true } }),
        tx.report.findMany({ where: { periodId: { in: periods.map((p) => p.id) } }, select: { provinceId: true, periodId: true, status: true } }),
      ]);
      const status = new Map(reports.map((r) => [`${r.periodId} ${r.provinceId}`, r.status]));

      type Due = { period: (typeof periods)[number]; province: (typeof provinces)[number]; stage: ReminderStage; daysLeft: number; deadline: Date; extended: boolean };
      const due: Due[] = [];
      for (const period of periods) {
        for (const province of provinces) {
          if (!isInForce(province, period.startDate) || !provinceStillInForce(province, now)) continue;
          if (hasSubmitted(status.get(`${period.id} ${province.id}`) ?? null)) continue;
          const extension = period.extensions.find((e) => e.provinceId === province.id)?.deadline;
          const deadline = effectiveDeadline(period.deadline, extension);
          const stage = reminderStage(deadline, now);
          if (stage) due.push({ period, province, ...stage, deadline, extended: deadline.getTime() !== period.deadline.getTime() });
        }
      }
      const staff = await staffOfProvinces(tx, [...new Set(due.map((d) => d.province.id))]);
      const leaders = new Map<string, Awaited<ReturnType<typeof clusterLeadersOf>>>();
      for (const period of periods) {
        const overdue = due.filter((d) => d.period === period && d.stage === 'OVERDUE').map((d) => d.province.id);
        if (overdue.length) leaders.set(period.id, await clusterLeadersOf(tx, overdue, period.startDate));
      }

      const deliveries: Delivery[] = [];
      for (const d of due) {
        const base = { province: { code: d.province.code, name: d.province.name }, periodCode: d.period.code, deadline: d.deadline, extended: d.extended };
        const dedupeKey = reminderKey(d.period.code, d.province.id, d.stage, d.deadline);
        const toStaff =
          d.stage === 'OVERDUE'
            ? buildMessage({ kind: 'DEADLINE_PASSED', audience: 'province', clusterCode: null, ...base })
            : buildMessage({ kind: 'DEADLINE_SOON', daysLeft: d.daysLeft, ...base });
        for (const recipient of staff.get(d.province.id) ?? []) deliveries.push({ recipient, message: toStaff, dedupeKey });
        if (d.stage === 'OVERDUE') {
          for (const leader of leaders.get(d.period.id)?.get(d.province.id) ?? []) {
            const toLeader = buildMessage({ kind: 'DEADLINE_PASSED', audience: 'cluster', clusterCode: leader.clusterCode, ...base });
            deliveries.push({ recipient: leader, message: toLeader, dedupeKey });
          }
        }
        stages[d.stage]++;
      }
      const recorded = await recordNotifications(tx, deliveries, now);
      return finish(tx, dayText, { day: dayText, stages, ...recorded });
    }, TX);
  } catch (error) {
    // Another instance holds today's row and is still writing: the day is being done.
    if (isLockTimeout(error)) return null;
    throw error;
  }
}

async function finish(tx: Prisma.TransactionClient, day: string, summary: DailyReminderSummary): Promise<DailyReminderSummary> {
  await tx.scheduledRun.update({ where: { job_day: { job: DAILY_REMINDER_JOB, day: new Date(`${day}T00:00:00Z`) } }, data: { summary } });
  return summary;
}

/** A Date as the wall-clock UTC text a `timestamp` column holds (Prisma stores DateTime in UTC), whatever the session's zone. */
export function sqlTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}
