'use client';

import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Input, Label, Select, SelectOptions, Textarea } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function AddMemberForm({
  action,
  clusterId,
  provinces,
}: {
  action: Action;
  clusterId: string;
  provinces: { id: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const prefix = `add-${clusterId}`;
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
      <input type="hidden" name="clusterId" value={clusterId} />
      <div>
        <Label htmlFor={`${prefix}-province`}>
          Tỉnh, thành phố
        </Label>
        <Select id={`${prefix}-province`} name="provinceId" aria-describedby={`${prefix}-province-error`} defaultValue="">
          <SelectOptions items={provinces} />
        </Select>
        <FieldError state={state} name="provinceId" id={`${prefix}-province-error`} />
      </div>
      <div>
        <Label htmlFor={`${prefix}-from`}>
          Từ ngày
        </Label>
        <Input id={`${prefix}-from`} type="date" name="validFrom" aria-describedby={`${prefix}-from-error`} />
        <FieldError state={state} name="validFrom" id={`${prefix}-from-error`} />
      </div>
      <div className="pb-6">
        <Button type="submit" disabled={pending} variant="primary" size="compact">
          {pending ? 'Đang lưu…' : 'Thêm vào cụm'}
        </Button>
      </div>
      <div className="sm:col-span-3">
        <FormStatus state={state} id={`${prefix}-status`} />
      </div>
    </form>
  );
}

export function EndMembershipForm({ action, membershipId, label }: { action: Action; membershipId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const prefix = `end-${membershipId}`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <div>
        <label htmlFor={`${prefix}-to`} className="block text-xs text-slate-600">
          Kết thúc ngày ({label})
        </label>
        <input id={`${prefix}-to`} type="date" name="validTo" className="rounded-md border border-slate-300 px-2 py-1 text-sm" aria-describedby={`${prefix}-status`} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50">
        Kết thúc
      </button>
      <p id={`${prefix}-status`} role="status" aria-live="polite" className={`w-full text-xs ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {state && !state.ok ? (state.fieldErrors.validTo?.[0] ?? state.message) : state?.message}
      </p>
    </form>
  );
}

export function ClusterNoteForm({ action, clusterId, note }: { action: Action; clusterId: string; note: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `note-${clusterId}`;
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="clusterId" value={clusterId} />
      <Label htmlFor={id}>
        Ghi chú về thành phần cụm
      </Label>
      <Textarea id={id} name="note" defaultValue={note} rows={3} aria-describedby={`${id}-error`} />
      <FieldError state={state} name="note" id={`${id}-error`} />
      <Button type="submit" disabled={pending} variant="primary" size="compact">
        {pending ? 'Đang lưu…' : 'Lưu ghi chú'}
      </Button>
      <FormStatus state={state} id={`${id}-status`} />
    </form>
  );
}
