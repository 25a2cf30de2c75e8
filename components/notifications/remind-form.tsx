'use client';

import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import type { ActionState } from '@/lib/http/action-state';

/** The leader's "Nhắc các tỉnh chưa nộp", with an optional line of text for the provinces. */
export function RemindProvincesForm({
  action,
  clusterCode,
  periodCode,
  pending: pendingProvinces,
  noteMax,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  clusterCode: string;
  periodCode: string;
  /** Provinces that have not submitted, as the overview counts them. */
  pending: number;
  noteMax: number;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-describedby="remind-status">
      <input type="hidden" name="clusterCode" value={clusterCode} />
      <input type="hidden" name="periodCode" value={periodCode} />
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <div>
          <Label htmlFor="remind-note">Lời nhắn kèm theo (không bắt buộc)</Label>
          <Input id="remind-note" name="note" maxLength={noteMax} placeholder="Ví dụ: Cụm họp giao ban ngày 20/12, đề nghị các tỉnh gửi trước." aria-describedby="remind-note-error" />
          <FieldError state={state} name="note" id="remind-note-error" />
        </div>
        <div className="sm:pb-6">
          <Button type="submit" variant="primary" size="compact" disabled={pending} className="w-full sm:w-auto">
            {pending ? 'Đang nhắc…' : 'Nhắc các tỉnh chưa nộp'}
          </Button>
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Gửi thông báo tới cán bộ của {pendingProvinces} tỉnh chưa gửi báo cáo (chưa bắt đầu, bản nháp hoặc bị trả lại).
      </p>
      <FormStatus state={state} id="remind-status" />
    </form>
  );
}
