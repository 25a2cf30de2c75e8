'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState } from 'react';
import { FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { DateField, SelectField, TextAreaField } from './fields';

export type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
export type Option = { id: string; label: string };

export function AddMemberForm({ action, clusterId, provinces }: { action: Action; clusterId: string; provinces: Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `add-${clusterId}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start" aria-describedby={`${form}-status`}>
      <input type="hidden" name="clusterId" value={clusterId} />
      <SelectField form={form} name="provinceId" label="Tỉnh, thành phố" state={state} items={provinces} />
      <DateField form={form} name="validFrom" label="Từ ngày" state={state} />
      <DateField form={form} name="validTo" label="Đến ngày (nếu đã biết)" state={state} />
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending} variant="primary" size="compact">
          {pending ? 'Đang lưu…' : 'Thêm vào cụm'}
        </Button>
      </div>
      <div className="sm:col-span-4">
        <FormStatus state={state} id={`${form}-status`} />
      </div>
    </ActionForm>
  );
}

export function EndMembershipForm({ action, membershipId, label }: { action: Action; membershipId: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const prefix = `end-${membershipId}`;
  return (
    <ActionForm action={formAction} state={state} className="flex flex-wrap items-end gap-2">
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
    </ActionForm>
  );
}

/** Corrects a membership's two dates; an empty end keeps the province a member. */
export function MembershipDatesForm({
  action,
  membershipId,
  validFrom,
  validTo,
}: {
  action: Action;
  membershipId: string;
  validFrom: string;
  validTo: string | null;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `dates-${membershipId}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" aria-describedby={`${form}-status`}>
      <input type="hidden" name="membershipId" value={membershipId} />
      <DateField form={form} name="validFrom" label="Từ ngày" state={state} defaultValue={validFrom} />
      <DateField form={form} name="validTo" label="Đến ngày" state={state} defaultValue={validTo} hint="Để trống: vẫn là thành viên." />
      <div className="sm:pt-6">
        <Button type="submit" disabled={pending} variant="neutral" size="compact">
          {pending ? 'Đang lưu…' : 'Lưu ngày'}
        </Button>
      </div>
      <div className="sm:col-span-3">
        <FormStatus state={state} id={`${form}-status`} />
      </div>
    </ActionForm>
  );
}

/**
 * Deletes a row entered by mistake, with the reason the log keeps. Writing the reason is the
 * confirmation: the button does nothing without one.
 */
export function DeleteWithReasonForm({
  action,
  idName,
  idValue,
  what,
}: {
  action: Action;
  /** The hidden field naming the row (membershipId, termId). */
  idName: string;
  idValue: string;
  /** What is deleted, for the label: "tư cách thành viên của Phú Thọ". */
  what: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `delete-${idValue}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-2" aria-describedby={`${form}-status`}>
      <input type="hidden" name={idName} value={idValue} />
      <TextAreaField form={form} name="reason" label={`Lý do xoá ${what}`} state={state} rows={2} hint="Chỉ xoá dòng nhập nhầm; lý do được ghi vào nhật ký." />
      <Button type="submit" disabled={pending} variant="danger" size="sm">
        {pending ? 'Đang xoá…' : 'Xoá'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}
