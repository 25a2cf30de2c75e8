'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState, useState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export type ThresholdField = {
  name: string;
  label: string;
  help: string;
  unit: string;
  /** The value in force, as the field shows it ("15", "20.000.000"). */
  value: string;
  /** The default, as shown ("15 điểm %"). */
  defaultLabel: string;
  custom: boolean;
};

/** Every threshold in one form: saved together, refused together (the award range must stay in order). */
export function ThresholdsForm({ action, fields }: { action: Action; fields: ThresholdField[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.name, f.value])));
  return (
    <ActionForm action={formAction} state={state} noValidate className="space-y-5" aria-describedby="thresholds-status">
      {fields.map((f) => {
        const id = `threshold-${f.name}`;
        const invalid = state && !state.ok && state.fieldErrors[f.name]?.length ? true : undefined;
        return (
          <div key={f.name}>
            <Label htmlFor={id}>
              {f.label} ({f.unit})
            </Label>
            <Input
              id={id}
              name={f.name}
              inputMode="decimal"
              autoComplete="off"
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              aria-invalid={invalid}
              aria-describedby={`${id}-help ${id}-error`}
              className="sm:max-w-xs"
            />
            <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
              {f.help} Mặc định: {f.defaultLabel}
              {f.custom ? '' : ' (đang dùng mặc định)'}.
            </p>
            <FieldError state={state} name={f.name} id={`${id}-error`} />
          </div>
        );
      })}
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang lưu…' : 'Lưu các ngưỡng'}
      </Button>
      <FormStatus state={state} id="thresholds-status" />
    </ActionForm>
  );
}

/** Puts one threshold back to its default (its stored value is removed). */
export function ResetThresholdForm({ action, name, label, defaultLabel }: { action: Action; name: string; label: string; defaultLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <ActionForm action={formAction} state={state} className="flex flex-wrap items-center gap-2" aria-describedby={`reset-${name}-status`}>
      <input type="hidden" name="name" value={name} />
      <Button type="submit" disabled={pending} variant="neutral" size="compact">
        Về mặc định ({defaultLabel}): {label}
      </Button>
      <FormStatus state={state} id={`reset-${name}-status`} />
    </ActionForm>
  );
}
