import type { ComponentProps } from 'react';
import { cx } from './cx';

/** A form field's label, above its field. */
export const labelClass = 'block text-sm font-medium';

/** A full-width text field, select or text area under its label. */
export const inputClass = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm';

/** A file picker under its label, with the browse button drawn as a grey chip. */
export const fileInputClass = 'mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium';

export function Label({ className, ...rest }: ComponentProps<'label'>) {
  return <label className={cx(labelClass, className)} {...rest} />;
}

export function Input({ className, ...rest }: ComponentProps<'input'>) {
  return <input className={cx(inputClass, className)} {...rest} />;
}

export function Select({ className, ...rest }: ComponentProps<'select'>) {
  return <select className={cx(inputClass, className)} {...rest} />;
}

export function Textarea({ className, ...rest }: ComponentProps<'textarea'>) {
  return <textarea className={cx(inputClass, className)} {...rest} />;
}

/** A select's options, after an empty "— Chọn —" so that nothing is chosen until the user chooses. */
export function SelectOptions({ items }: { items: readonly { id: string; label: string }[] }) {
  return (
    <>
      <option value="">— Chọn —</option>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.label}
        </option>
      ))}
    </>
  );
}

export function FileInput({ className, ...rest }: Omit<ComponentProps<'input'>, 'type'>) {
  return <input type="file" className={cx(fileInputClass, className)} {...rest} />;
}
