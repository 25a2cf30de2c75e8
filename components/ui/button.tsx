import type { ComponentProps } from 'react';
import { cx } from './cx';

/**
 * The button looks in use, by size: `md` for a page's main actions (the report
 * form, uploads, review), `sm` for the account and administration forms,
 * `compact` for small inline forms. Only the pairs in use exist.
 */
const BUTTON_CLASSES = {
  md: {
    primary: 'rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800',
    secondary: 'rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50',
    danger: 'rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50',
    approve: 'rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800',
  },
  sm: {
    primary: 'rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800',
    neutral: 'rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50',
    danger: 'rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50',
    approve: 'rounded-md border border-emerald-400 px-4 py-2 text-sm font-medium text-emerald-800 hover:bg-emerald-50',
  },
  compact: {
    primary: 'rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800',
    neutral: 'rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50',
  },
} as const;

export type ButtonSize = keyof typeof BUTTON_CLASSES;
export type ButtonVariant<S extends ButtonSize = 'md'> = keyof (typeof BUTTON_CLASSES)[S];

/** A button's classes, for a `<Link>` (or a button that is never disabled) styled as a button. */
export function buttonClass<S extends ButtonSize = 'md'>(variant: ButtonVariant<S>, size?: S): string {
  const bySize: Record<string, string> = BUTTON_CLASSES[size ?? 'md'];
  return bySize[variant as string];
}

type ButtonProps<S extends ButtonSize> = ComponentProps<'button'> & { variant: ButtonVariant<S>; size?: S };

/** A `<button>` in one of the looks above, dimmed while disabled. Pass `type` as ever. */
export function Button<S extends ButtonSize = 'md'>({ variant, size, className, ...rest }: ButtonProps<S>) {
  return <button className={cx(buttonClass(variant, size), 'disabled:opacity-60', className)} {...rest} />;
}
