'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState, useEffect, useRef, useState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Input, Label, Select } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
export type Option = { id: string; label: string };

const errorOf = (state: ActionState, name: string) => (state && !state.ok ? state.fieldErrors[name]?.[0] : undefined);

/** A labelled input or select with its error, tied to it for screen readers. */
function Field({
  id,
  name,
  label,
  state,
  hint,
  children,
}: {
  id: string;
  name: string;
  label: string;
  state: ActionState;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby': string }) => React.ReactNode;
}) {
  const invalid = errorOf(state, name) ? true : undefined;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, name, 'aria-invalid': invalid, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}` })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError state={state} name={name} id={`${id}-error`} />
    </div>
  );
}

type Row = { key: number; model: string; metric: string; subject: string; rate: string; targetYear: string; description: string; source: string };

const emptyRow = (key: number): Row => ({ key, model: '', metric: 'RECOGNITION', subject: '', rate: '', targetYear: '', description: '', source: '' });

/**
 * A decision (its number and first day in force) and its targets, one row each; rows are added
 * and removed here, and the server checks them all at once (nothing is saved unless all are valid).
 */
export function NewDecisionForm({ action, models, metrics }: { action: Action; models: Option[]; metrics: Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [decision, setDecision] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const nextKey = useRef(1);
  const [rows, setRows] = useState<Row[]>([emptyRow(0)]);

  useEffect(() => {
    if (!state?.ok) return;
    setDecision('');
    setValidFrom('');
    setRows([emptyRow(nextKey.current++)]);
  }, [state]);

  const setRow = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-4" aria-describedby="new-decision-status">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="new-decision" name="decision" label="Quyết định" hint="Số hiệu, ví dụ QĐ 387/QĐ-TTg" state={state}>
          {(p) => <Input {...p} value={decision} onChange={(e) => setDecision(e.target.value)} autoComplete="off" />}
        </Field>
        <Field id="new-decision-from" name="validFrom" label="Có hiệu lực từ ngày" state={state}>
          {(p) => <Input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
      </div>
      <FieldError state={state} name="targets" id="new-decision-targets-error" />
      <ol className="space-y-4">
        {rows.map((row, i) => {
          const prefix = `new-target-${row.key}`;
          const name = (field: string) => `targets.${i}.${field}`;
          return (
            <li key={row.key} className="rounded-md border border-slate-200 p-3">
              <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                <legend className="text-sm font-semibold">Mục tiêu {i + 1}</legend>
                <Field id={`${prefix}-model`} name={name('model')} label="Mô hình học tập" state={state}>
                  {(p) => (
                    <Select {...p} value={row.model} onChange={(e) => setRow(row.key, { model: e.target.value })}>
                      <option value="">— Chọn —</option>
                      {models.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field id={`${prefix}-metric`} name={name('metric')} label="Chỉ tiêu" state={state}>
                  {(p) => (
                    <Select {...p} value={row.metric} onChange={(e) => setRow(row.key, { metric: e.target.value })}>
                      {metrics.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field id={`${prefix}-subject`} name={name('subject')} label="Đối tượng (nếu có)" hint="Ví dụ: người lớn; để trống nếu là các đơn vị của mô hình" state={state}>
                  {(p) => <Input {...p} value={row.subject} onChange={(e) => setRow(row.key, { subject: e.target.value })} autoComplete="off" />}
                </Field>
                <Field id={`${prefix}-rate`} name={name('rate')} label="Tỷ lệ mục tiêu (%)" hint="Ví dụ 80 hoặc 65,5" state={state}>
                  {(p) => <Input {...p} inputMode="decimal" value={row.rate} onChange={(e) => setRow(row.key, { rate: e.target.value })} autoComplete="off" />}
                </Field>
                <Field id={`${prefix}-year`} name={name('targetYear')} label="Năm mục tiêu" state={state}>
                  {(p) => <Input {...p} inputMode="numeric" value={row.targetYear} onChange={(e) => setRow(row.key, { targetYear: e.target.value })} autoComplete="off" />}
                </Field>
                <Field id={`${prefix}-source`} name={name('source')} label="Căn cứ (điều, khoản)" state={state}>
                  {(p) => <Input {...p} value={row.source} onChange={(e) => setRow(row.key, { source: e.target.value })} autoComplete="off" />}
                </Field>
                <div className="sm:col-span-2 lg:col-span-3">
                  <Field id={`${prefix}-description`} name={name('description')} label="Nội dung (để trống: cổng tự viết)" state={state}>
                    {(p) => <Input {...p} value={row.description} onChange={(e) => setRow(row.key, { description: e.target.value })} autoComplete="off" />}
                  </Field>
                </div>
              </fieldset>
              {rows.length > 1 ? (
                <Button type="button" variant="neutral" size="compact" className="mt-2" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                  Bỏ mục tiêu {i + 1}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="neutral" size="sm" onClick={() => setRows((rs) => [...rs, emptyRow(nextKey.current++)])}>
          Thêm một mục tiêu
        </Button>
        <Button type="submit" disabled={pending} variant="primary" size="sm">
          {pending ? 'Đang lưu…' : 'Lưu quyết định và các mục tiêu'}
        </Button>
      </div>
      <FormStatus state={state} id="new-decision-status" />
    </ActionForm>
  );
}

/** One target's rate, text, source and first day in force. */
export function EditTargetForm({
  action,
  target,
}: {
  action: Action;
  target: { id: string; rate: string; description: string; source: string; validFrom: string };
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState(target);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));
  const prefix = `edit-${target.id}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="grid gap-3 sm:grid-cols-2" aria-describedby={`${prefix}-status`}>
      <input type="hidden" name="id" value={target.id} />
      <Field id={`${prefix}-rate`} name="rate" label="Tỷ lệ mục tiêu (%)" state={state}>
        {(p) => <Input {...p} inputMode="decimal" value={values.rate} onChange={(e) => set({ rate: e.target.value })} autoComplete="off" />}
      </Field>
      <Field id={`${prefix}-from`} name="validFrom" label="Có hiệu lực từ ngày" state={state}>
        {(p) => <Input {...p} type="date" value={values.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />}
      </Field>
      <div className="sm:col-span-2">
        <Field id={`${prefix}-description`} name="description" label="Nội dung (để trống: cổng tự viết)" state={state}>
          {(p) => <Input {...p} value={values.description} onChange={(e) => set({ description: e.target.value })} autoComplete="off" />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={`${prefix}-source`} name="source" label="Căn cứ (điều, khoản)" state={state}>
          {(p) => <Input {...p} value={values.source} onChange={(e) => set({ source: e.target.value })} autoComplete="off" />}
        </Field>
      </div>
      <div className="space-y-1 sm:col-span-2">
        <Button type="submit" disabled={pending} variant="primary" size="compact">
          {pending ? 'Đang lưu…' : 'Lưu thay đổi'}
        </Button>
        <FormStatus state={state} id={`${prefix}-status`} />
      </div>
    </ActionForm>
  );
}

/** Ends a target on a day (its last day in force), or, left empty, puts it back in force. */
export function EndTargetForm({ action, id, validTo, label }: { action: Action; id: string; validTo: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [value, setValue] = useState(validTo);
  const prefix = `end-${id}`;
  return (
    <ActionForm action={formAction} state={state} noValidate className="flex flex-wrap items-end gap-3" aria-describedby={`${prefix}-status`}>
      <input type="hidden" name="id" value={id} />
      <Field id={`${prefix}-to`} name="validTo" label={`Hiệu lực đến ngày (${label})`} hint="Để trống: mục tiêu còn hiệu lực" state={state}>
        {(p) => <Input {...p} type="date" value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <div className="pb-6">
        <Button type="submit" disabled={pending} variant="neutral" size="compact">
          {pending ? 'Đang lưu…' : validTo ? 'Lưu ngày kết thúc' : 'Kết thúc mục tiêu'}
        </Button>
      </div>
      <div className="w-full">
        <FormStatus state={state} id={`${prefix}-status`} />
      </div>
    </ActionForm>
  );
}
