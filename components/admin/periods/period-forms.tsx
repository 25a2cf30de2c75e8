'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Input, Label, Select, SelectOptions, Textarea } from '@/components/ui/input';

// The forms of the periods page (app/(portal)/quan-tri/ky-bao-cao): leaves that receive plain
// data (codes, YYYY-MM-DD days, labels) and post to the page's server actions. A deadline is
// picked as a day: the server makes it 23:59:59 that day in Vietnam.

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Tạo các kỳ báo cáo năm 2027", with the two default deadlines, editable before creating. */
export function CreateYearForm({ action, year, defaults }: { action: Action; year: number; defaults: { S1: string; S2: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `create-${year}`;
  return (
    <ActionForm action={formAction} state={state} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" data-testid="create-year-form">
      <input type="hidden" name="year" value={year} />
      {(['S1', 'S2'] as const).map((half) => (
        <div key={half}>
          <Label htmlFor={`${id}-${half}`}>Hạn nộp {half === 'S1' ? '6 tháng đầu năm' : '6 tháng cuối năm'}</Label>
          <Input
            id={`${id}-${half}`}
            type="date"
            name={`deadlines.${half}`}
            defaultValue={defaults[half]}
            aria-describedby={`${id}-${half}-error`}
          />
          <FieldError state={state} name={`deadlines.${half}`} id={`${id}-${half}-error`} />
        </div>
      ))}
      <div className="sm:pb-6">
        <Button type="submit" disabled={pending} variant="primary" size="sm" className="w-full sm:w-auto">
          {pending ? 'Đang tạo…' : `Tạo các kỳ báo cáo năm ${year}`}
        </Button>
      </div>
      <div className="sm:col-span-3">
        <FieldError state={state} name="year" id={`${id}-year-error`} />
        <FormStatus state={state} id={`${id}-status`} />
      </div>
    </ActionForm>
  );
}

/** A new deadline for the whole period. */
export function DeadlineForm({ action, period, day }: { action: Action; period: string; day: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `deadline-${period}`;
  return (
    <ActionForm action={formAction} state={state} className="space-y-2">
      <input type="hidden" name="period" value={period} />
      <Label htmlFor={id}>Hạn nộp chung</Label>
      <div className="flex flex-wrap items-start gap-2">
        <Input id={id} type="date" name="deadline" defaultValue={day} className="mt-0 w-auto" aria-describedby={`${id}-error`} />
        <Button type="submit" disabled={pending} variant="neutral" size="compact">
          {pending ? 'Đang lưu…' : 'Lưu hạn nộp'}
        </Button>
      </div>
      <FieldError state={state} name="deadline" id={`${id}-error`} />
      <FormStatus state={state} id={`${id}-status`} />
    </ActionForm>
  );
}

/** Locks an open period, or unlocks a locked one. */
export function LockForm({ action, period, locked }: { action: Action; period: string; locked: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `lock-${period}`;
  return (
    <ActionForm action={formAction} state={state} className="space-y-2">
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="locked" value={locked ? 'false' : 'true'} />
      <p className="text-sm text-slate-600">
        {locked
          ? 'Kỳ đã khoá sổ: không tỉnh nào nhập hay gửi được (trừ báo cáo quản trị viên mở lại). Mở khoá để các tỉnh nộp tiếp (nộp muộn).'
          : 'Kỳ đang mở: quá hạn các tỉnh vẫn nộp được và được ghi nhận nộp muộn, cho đến khi khoá sổ.'}
      </p>
      <Button type="submit" disabled={pending} variant={locked ? 'neutral' : 'danger'} size="sm">
        {pending ? 'Đang lưu…' : locked ? 'Mở khoá kỳ' : 'Khoá sổ kỳ'}
      </Button>
      <FormStatus state={state} id={`${id}-status`} />
    </ActionForm>
  );
}

/** A province's later deadline, with its reason (a second one for the same province replaces it). */
export function ExtensionForm({
  action,
  period,
  provinces,
  day,
}: {
  action: Action;
  period: string;
  provinces: { id: string; label: string }[];
  /** The day proposed: the day after the period's deadline. */
  day: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `extension-${period}`;
  return (
    <ActionForm action={formAction} state={state} className="grid gap-3 sm:grid-cols-2" data-testid={`extension-form-${period}`}>
      <input type="hidden" name="period" value={period} />
      <div>
        <Label htmlFor={`${id}-province`}>Tỉnh, thành phố</Label>
        <Select id={`${id}-province`} name="province" defaultValue="" aria-describedby={`${id}-province-error`}>
          <SelectOptions items={provinces} />
        </Select>
        <FieldError state={state} name="province" id={`${id}-province-error`} />
      </div>
      <div>
        <Label htmlFor={`${id}-deadline`}>Gia hạn đến ngày</Label>
        <Input id={`${id}-deadline`} type="date" name="deadline" defaultValue={day} aria-describedby={`${id}-deadline-error`} />
        <FieldError state={state} name="deadline" id={`${id}-deadline-error`} />
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor={`${id}-reason`}>Lý do gia hạn</Label>
        <Textarea id={`${id}-reason`} name="reason" rows={2} aria-describedby={`${id}-reason-error`} />
        <FieldError state={state} name="reason" id={`${id}-reason-error`} />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending} variant="primary" size="sm">
          {pending ? 'Đang lưu…' : 'Gia hạn cho tỉnh'}
        </Button>
        <FormStatus state={state} id={`${id}-status`} />
      </div>
    </ActionForm>
  );
}

/** Withdraws an extension granted by mistake, with a reason. */
export function RemoveExtensionForm({ action, period, province, name }: { action: Action; period: string; province: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `remove-extension-${period}-${province}`;
  return (
    <ActionForm action={formAction} state={state} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="province" value={province} />
      <div className="min-w-0 flex-1">
        <label htmlFor={`${id}-reason`} className="block text-xs text-slate-600">
          Lý do bỏ gia hạn ({name})
        </label>
        <Input id={`${id}-reason`} name="reason" className="mt-0 py-1 text-sm" aria-describedby={`${id}-status`} />
      </div>
      <Button type="submit" disabled={pending} variant="neutral" size="compact">
        Bỏ gia hạn
      </Button>
      <p id={`${id}-status`} role="status" aria-live="polite" className={`w-full text-xs ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {state && !state.ok ? (state.fieldErrors.reason?.[0] ?? state.fieldErrors.province?.[0] ?? state.message) : state?.message}
      </p>
    </ActionForm>
  );
}
