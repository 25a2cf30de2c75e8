import type { ComponentProps } from 'react';
import { cx } from './cx';
import './scroll-panel.css';

type ScrollPanelProps = ComponentProps<'div'> & ({ 'aria-label': string } | { 'aria-labelledby': string });

/**
 * What scrolls sideways on a phone (a wide table, a chart kept at a readable size): a region
 * named for screen readers that takes keyboard focus, so it can be scrolled without a mouse or
 * a touch screen, and that shades the edge with more to show. `relative` keeps visually hidden
 * text inside it (absolutely positioned) from widening the page.
 */
export function ScrollPanel({ className, ...rest }: ScrollPanelProps) {
  return (
    <div
      role="region"
      tabIndex={0}
      className={cx(
        'scroll-shade relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
        className,
      )}
      {...rest}
    />
  );
}
