import type { ComponentProps } from 'react';
import { cx } from './cx';

const CARD_CLASSES = {
  sm: 'rounded-lg border border-slate-200 bg-white p-3 shadow-sm',
  md: 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm',
  lg: 'rounded-lg border border-slate-200 bg-white p-6 shadow-sm',
} as const;

type CardElement = 'div' | 'section' | 'article' | 'form' | 'details';
type CardProps<E extends CardElement> = ComponentProps<E> & { as?: E; padding?: keyof typeof CARD_CLASSES };

/** The white, bordered panel that holds a figure, a chart or a form. Extra classes (spacing, layout) go first. */
export function Card<E extends CardElement = 'div'>({ as, padding = 'md', className, ...rest }: CardProps<E>) {
  // The props were checked against the element chosen; one type for the render keeps the union simple.
  const Element = (as ?? 'div') as 'div';
  return <Element className={cx(className, CARD_CLASSES[padding])} {...(rest as ComponentProps<'div'>)} />;
}

/** What a page shows in place of a list or table that has nothing in it yet. */
export function EmptyState({ className, ...rest }: ComponentProps<'p'>) {
  return <p className={cx('rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600', className)} {...rest} />;
}
