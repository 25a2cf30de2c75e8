'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState } from 'react';
import { FormStatus } from '@/components/forms/form-status';
import { Button } from '@/components/ui/button';
import { DateField, SelectField, TextAreaField, TextField } from './fields';
import type { Action, Option } from './membership-forms';

type Province = { id: string; code: string; name: string; validFrom: string; validTo: string | null; successorId: string | null };

/** Corrects a province's code, name, dates and successor; the log keeps the old values and the reason. */
export function ProvinceForm({ action, province, successors }: { action: Action; province: Province; successors: Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = `province-${province.id}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-3" aria-describedby={`${form}-status`}>
      <input type="hidden" name="provinceId" value={province.id} />
      <div className="grid gap-3 sm:grid-cols-[1fr_3fr]">
        <TextField form={form} name="code" label="Mã" state={state} defaultValue={province.code} maxLength={2} inputMode="numeric" />
        <TextField form={form} name="name" label="Tên" state={state} defaultValue={province.name} maxLength={100} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField form={form} name="validFrom" label="Hiệu lực từ ngày" state={state} defaultValue={province.validFrom} />
        <DateField form={form} name="validTo" label="Hiệu lực đến ngày" state={state} defaultValue={province.validTo} hint="Để trống khi tỉnh còn hiệu lực." />
      </div>
      <SelectField
        form={form}
        name="successorId"
        label="Tỉnh kế thừa (hợp nhất vào)"
        state={state}
        items={successors}
        defaultValue={province.successorId ?? ''}
        emptyLabel="— Không có —"
        hint={
          province.validTo
            ? 'Các tỉnh có hiệu lực vào ngày sau ngày hết hiệu lực. Nếu sửa ngày hết hiệu lực, hãy lưu trước rồi chọn tỉnh kế thừa.'
            : 'Chỉ tỉnh đã hết hiệu lực mới có tỉnh kế thừa.'
        }
      />
      <TextAreaField form={form} name="reason" label="Lý do sửa (không bắt buộc)" state={state} rows={2} hint="Ví dụ số và ngày của văn bản làm căn cứ; được ghi vào nhật ký." />
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang lưu…' : 'Lưu'}
      </Button>
      <FormStatus state={state} id={`${form}-status`} />
    </ActionForm>
  );
}
