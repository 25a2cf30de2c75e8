// When the daily reminders speak: 7 days and 1 day before a province's deadline, and the day
// after it, counted in calendar days in Vietnam. Pure; the job itself is ./reminders.ts.
//
// Each stage has a window rather than a single day, so that a day the portal was down does not
// swallow a reminder: the 7-day reminder goes out on the first run from 7 days before down to
// 2 days before, the 1-day reminder from 1 day before to the deadline's own day, and the overdue
// notice from the day after to a week after. Each recipient gets each stage once per deadline
// (the notification's key names the stage and the deadline's day), so a moved deadline or a new
// extension starts the reminders again, and running the job twice sends nothing twice.
import { vietnamDay } from '../reference/validity';

export type ReminderStage = 'D7' | 'D1' | 'OVERDUE';

const DAY = 86_400_000;

/** The hour (Vietnam time) from which the day's reminders go out: in the morning, not at midnight. */
export const DAILY_REMINDER_HOUR = 7;

/** The job's name in ScheduledRun. */
export const DAILY_REMINDER_JOB = 'deadline-reminders';

/** Calendar days in Vietnam from `now`'s day to the deadline's day: 7 a week before, 0 on the day, −1 the day after. */
export function daysUntil(deadline: Date, now: Date): number {
  return Math.round((vietnamDay(deadline).getTime() - vietnamDay(now).getTime()) / DAY);
}

/** The reminder due today for a province that has not submitted, or null. */
export function reminderStage(deadline: Date, now: Date): { stage: ReminderStage; daysLeft: number } | null {
  const daysLeft = daysUntil(deadline, now);
  if (daysLeft >= 2 && daysLeft <= 7) return { stage: 'D7', daysLeft };
  if (daysLeft >= 0 && daysLeft <= 1) return { stage: 'D1', daysLeft };
  if (daysLeft >= -7 && daysLeft <= -1) return { stage: 'OVERDUE', daysLeft };
  return null;
}

/** The range of deadlines that may have a stage due today, for the job's query (inclusive). */
export function deadlineWindow(now: Date): { from: Date; to: Date } {
  const today = vietnamDay(now).getTime();
  // Vietnam days as instants: from the start of (today − 7) to the end of (today + 7), UTC+7.
  return { from: new Date(today - 7 * DAY - 7 * 3_600_000), to: new Date(today + 8 * DAY - 7 * 3_600_000 - 1) };
}

/** The key that makes a reminder once per recipient: period, province, stage and the deadline's day. */
export function reminderKey(periodCode: string, provinceId: string, stage: ReminderStage, deadline: Date): string {
  return `deadline:${periodCode}:${provinceId}:${stage}:${vietnamDay(deadline).toISOString().slice(0, 10)}`;
}

/** Whether today's reminders are due: from DAILY_REMINDER_HOUR in Vietnam. */
export function dailyRunDue(now: Date): boolean {
  return new Date(now.getTime() + 7 * 3_600_000).getUTCHours() >= DAILY_REMINDER_HOUR;
}

/** Whether a province has delivered its report: submitted or approved (a returned report is back with the province). */
export function hasSubmitted(status: string | null): boolean {
  return status === 'SUBMITTED' || status === 'APPROVED';
}
