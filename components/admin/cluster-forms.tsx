'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState } from 'react';
import { FormStatus } from '@/components/forms/form-status';
import { Button } from '@/components/ui/button';
import { DateField, SelectField, TextAreaField, TextField } from './fields';
import type { Action, Option } from './membership-forms';

export function CreateClusterForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = 'new-cluster';
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-3" aria-describedby={`${form}-status`}>
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
        <TextField form={form} name="code" label="Mã cụm" state={state} maxLength={20} autoCapitalize="characters" hint="Ví dụ CUM4; dùng trong địa chỉ trang và API." />
        <TextField form={form} name="name" label="Tên cụm" state={state} maxLength={200} hint="Ví dụ Cụm IV – Bắc Trung Bộ." />
      </div>
      <TextField form={form} name="region" label="Vùng (không bắt buộc)" state={state} maxLength={100} />
      <TextAreaField form={form} name="note" label="Ghi chú (không bắt buộc)" state={state} rows={2} />
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang tạo…' : 'Tạo cụm'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}

export function ClusterDetailsForm({ action, clusterId, name, region }: { action: Action; clusterId: string; name: string; region: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `cluster-${clusterId}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-3" aria-describedby={`${form}-status`}>
      <input type="hidden" name="clusterId" value={clusterId} />
      <TextField form={form} name="name" label="Tên cụm" state={state} defaultValue={name} maxLength={200} />
      <TextField form={form} name="region" label="Vùng" state={state} defaultValue={region} maxLength={100} hint="Để trống nếu cụm không gắn với một vùng." />
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang lưu…' : 'Lưu tên và vùng'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}

export function ClusterNoteForm({ action, clusterId, note }: { action: Action; clusterId: string; note: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `note-${clusterId}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-2" aria-describedby={`${form}-status`}>
      <input type="hidden" name="clusterId" value={clusterId} />
      <TextAreaField form={form} name="note" label="Ghi chú về thành phần cụm" state={state} defaultValue={note} rows={4} hint="Hiện trên trang quản trị, ví dụ thành phần nào còn là giả định." />
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang lưu…' : 'Lưu ghi chú'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}

type Term = { id: string; provinceId: string; termLabel: string; validFrom: string; validTo: string | null };

/** Adds a leader term (`term` absent) or corrects one: the province, its label, its dates. */
export function LeaderTermForm({ action, clusterId, provinces, term }: { action: Action; clusterId: string; provinces: Option[]; term?: Term }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = term ? `term-${term.id}` : `new-term-${clusterId}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-3" aria-describedby={`${form}-status`}>
      {term ? <input type="hidden" name="termId" value={term.id} /> : <input type="hidden" name="clusterId" value={clusterId} />}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          form={form}
          name="provinceId"
          label="Tỉnh cụm trưởng"
          state={state}
          items={provinces}
          defaultValue={term?.provinceId}
          hint="Phải là thành viên của cụm vào ngày đầu nhiệm kỳ."
        />
        <TextField form={form} name="termLabel" label="Nhiệm kỳ" state={state} defaultValue={term?.termLabel} maxLength={100} hint="Ví dụ 2027–2031." />
        <DateField form={form} name="validFrom" label="Từ ngày" state={state} defaultValue={term?.validFrom} />
        <DateField form={form} name="validTo" label="Đến ngày" state={state} defaultValue={term?.validTo} hint="Để trống nếu chưa biết ngày kết thúc." />
      </div>
      <Button type="submit" disabled={pending} variant={term ? 'neutral' : 'primary'} size="sm">
        {pending ? 'Đang lưu…' : term ? 'Lưu nhiệm kỳ' : 'Thêm nhiệm kỳ'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}
