// The notification forms' input: the leader's reminder, the e-mail preferences, the
// administrator's retry of a failed e-mail. One schema per form, shared by the action and the data layer.
import { z } from 'zod';

import { isPeriodCode } from '../reference/periods';
import { NOTIFICATION_KIND_LIST, type NotificationKind } from './kinds';

/** One line of text the leader may add to the reminder. */
export const REMINDER_NOTE_MAX = 300;

export const ClusterReminderSchema = z.object({
  clusterCode: z.string().trim().min(1, 'Thiếu mã cụm.').max(40),
  periodCode: z.string().trim().refine(isPeriodCode, 'Kỳ báo cáo có dạng 2026S2.'),
  note: z
    .string()
    .optional()
    .transform((v) => v?.replace(/\s+/g, ' ').trim() ?? '')
    .refine((v) => v.length <= REMINDER_NOTE_MAX, `Lời nhắn dài tối đa ${REMINDER_NOTE_MAX} ký tự.`)
    .transform((v) => v || null),
});
export type ClusterReminderInput = z.infer<typeof ClusterReminderSchema>;

/**
 * The preferences form: one checkbox per kind offered (`email.<KIND>` = "on" when ticked) and the
 * list of kinds the form showed, so that an unticked box (which a browser does not send) reads as "no".
 */
export const NotificationPreferencesSchema = z
  .object({
    shown: z.string().transform((v) => v.split(',').filter(Boolean)),
    checked: z.array(z.string()),
  })
  .transform(({ shown, checked }, ctx) => {
    const known = new Set<string>(NOTIFICATION_KIND_LIST);
    const unknown = [...shown, ...checked].filter((k) => !known.has(k));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `Loại thông báo không có: ${unknown.join(', ')}.`, path: ['shown'] });
      return z.NEVER;
    }
    return (shown as NotificationKind[]).map((kind) => ({ kind, email: checked.includes(kind) }));
  });
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesSchema>;

/** FormData of the preferences form → the schema's input. */
export function preferencesFormInput(form: FormData): unknown {
  return {
    shown: form.get('shown') ?? '',
    checked: [...form.keys()].filter((k) => k.startsWith('email.') && form.get(k) === 'on').map((k) => k.slice('email.'.length)),
  };
}

/** One of the user's notifications, opened from the list. */
export const NotificationIdSchema = z.object({ id: z.string().trim().min(1).max(100) });

/** A failed e-mail an administrator sends again. */
export const OutboxMessageIdSchema = z.object({ id: z.string().trim().min(1).max(100) });
