import type { ReactNode } from 'react';
import { FieldError } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { Input, Label, Select, SelectOptions, Textarea } from '@/components/ui/input';

// The administration forms' fields: a label, the field, and its error under it (tied to the field
// with aria-describedby), so that a refusal names the field where the user looks.

type FieldProps = {
  /** The form's prefix: ids are `${form}-${name}`. */
  form: string;
  name: string;
  label: ReactNode;
  state: ActionState;
  hint?: ReactNode;
};

const errorOf = (state: ActionState, name: string) => (state && !state.ok ? state.fieldErrors[name]?.[0] : undefined);

function Frame({ form, name, label, state, hint, children }: FieldProps & { children: (a11y: { id: string; 'aria-describedby': string; 'aria-invalid'?: true }) => ReactNode }) {
  const id = `${form}-${name}`;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, 'aria-describedby': `${id}-error${hint ? ` ${id}-hint` : ''}`, ...(errorOf(state, name) ? { 'aria-invalid': true as const } : {}) })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError state={state} name={name} id={`${id}-error`} />
    </div>
  );
}

export function TextField(props: FieldProps & { defaultValue?: string; maxLength?: number; inputMode?: 'numeric'; autoCapitalize?: string }) {
  const { defaultValue, maxLength, inputMode, autoCapitalize, ...frame } = props;
  return (
    <Frame {...frame}>
      {(a11y) => <Input {...a11y} name={frame.name} defaultValue={defaultValue} maxLength={maxLength} inputMode={inputMode} autoCapitalize={autoCapitalize} />}
    </Frame>
  );
}

export function DateField(props: FieldProps & { defaultValue?: string | null }) {
  const { defaultValue, ...frame } = props;
  return <Frame {...frame}>{(a11y) => <Input {...a11y} type="date" name={frame.name} defaultValue={defaultValue ?? ''} />}</Frame>;
}

export function SelectField(props: FieldProps & { items: readonly { id: string; label: string }[]; defaultValue?: string; emptyLabel?: string }) {
  const { items, defaultValue, emptyLabel, ...frame } = props;
  return (
    <Frame {...frame}>
      {(a11y) => (
        <Select {...a11y} name={frame.name} defaultValue={defaultValue ?? ''}>
          {emptyLabel ? (
            <>
              <option value="">{emptyLabel}</option>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.label}
                </option>
              ))}
            </>
          ) : (
            <SelectOptions items={items} />
          )}
        </Select>
      )}
    </Frame>
  );
}

export function TextAreaField(props: FieldProps & { defaultValue?: string; rows?: number }) {
  const { defaultValue, rows = 3, ...frame } = props;
  return <Frame {...frame}>{(a11y) => <Textarea {...a11y} name={frame.name} defaultValue={defaultValue} rows={rows} />}</Frame>;
}

/** A date-only value as the date input takes it. */
export const dayValue = (d: Date | string | null) => (d === null ? '' : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
