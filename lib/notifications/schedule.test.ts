import { describe, expect, it } from 'vitest';

import { dailyRunDue, daysUntil, deadlineWindow, reminderKey, reminderStage } from './schedule';

// 2026S2's deadline: 15/12/2026 23:59:59 in Vietnam (16:59:59 UTC).
const DEADLINE = new Date('2026-12-15T16:59:59Z');
/** 08:30 in Vietnam on a calendar day. */
const vn = (day: string, time = '01:30:00') => new Date(`${day}T${time}Z`);

describe('deadline reminders', () => {
  it('counts calendar days in Vietnam, not 24-hour spans', () => {
    expect(daysUntil(DEADLINE, vn('2026-12-08'))).toBe(7);
    // 23:30 on 14/12 in Vietnam is still the day before.
    expect(daysUntil(DEADLINE, new Date('2026-12-14T16:30:00Z'))).toBe(1);
    // 00:30 on 15/12 in Vietnam (17:30 UTC on the 14th) is the day itself.
    expect(daysUntil(DEADLINE, new Date('2026-12-14T17:30:00Z'))).toBe(0);
    expect(daysUntil(DEADLINE, vn('2026-12-16'))).toBe(-1);
  });

  it('gives the 7-day reminder from 7 to 2 days before, the 1-day one on the eve and the day, the overdue notice for a week after', () => {
    const stage = (day: string) => reminderStage(DEADLINE, vn(day))?.stage ?? null;
    expect(stage('2026-12-07')).toBeNull();
    expect(['2026-12-08', '2026-12-10', '2026-12-13'].map(stage)).toEqual(['D7', 'D7', 'D7']);
    expect(['2026-12-14', '2026-12-15'].map(stage)).toEqual(['D1', 'D1']);
    expect(['2026-12-16', '2026-12-22'].map(stage)).toEqual(['OVERDUE', 'OVERDUE']);
    expect(stage('2026-12-23')).toBeNull();
    expect(reminderStage(DEADLINE, vn('2026-12-10'))?.daysLeft).toBe(5);
  });

  it('keys a reminder by period, province, stage and the deadline’s day, so a new deadline reminds again', () => {
    expect(reminderKey('2026S2', 'p1', 'D7', DEADLINE)).toBe('deadline:2026S2:p1:D7:2026-12-15');
    expect(reminderKey('2026S2', 'p1', 'D7', new Date('2026-12-22T16:59:59Z'))).not.toBe(reminderKey('2026S2', 'p1', 'D7', DEADLINE));
  });

  it('queries a window holding every deadline with a stage due today', () => {
    const now = vn('2026-12-10');
    const { from, to } = deadlineWindow(now);
    // The earliest deadline still overdue-notified and the latest one 7 days ahead are inside; their neighbours not.
    expect(reminderStage(new Date(from.getTime()), now)?.stage).toBe('OVERDUE');
    expect(reminderStage(new Date(from.getTime() - 1000), now)).toBeNull();
    expect(reminderStage(new Date(to.getTime()), now)?.stage).toBe('D7');
    expect(reminderStage(new Date(to.getTime() + 1000), now)).toBeNull();
  });

  it('runs the day’s reminders from 7 in the morning, Vietnam time', () => {
    expect(dailyRunDue(new Date('2026-12-09T23:59:00Z'))).toBe(false); // 06:59
    expect(dailyRunDue(new Date('2026-12-10T00:00:00Z'))).toBe(true); // 07:00
    expect(dailyRunDue(new Date('2026-12-10T16:59:00Z'))).toBe(true); // 23:59
  });
});
