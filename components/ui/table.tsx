import { useId, type ComponentProps, type ReactNode } from 'react';
import { cx } from './cx';
import { ScrollPanel } from './scroll-panel';
import './table.css';

type TableProps = ComponentProps<'table'> & {
  /** Read by screen readers only: what the table lists. */
  caption: ReactNode;
  /** A test id for the scrolling container rather than the table. */
  containerTestId?: string;
  /** Inside a card already: a plain border, no second white panel and shadow. */
  inset?: boolean;
  /**
   * On a phone, each row becomes a card: its cells one under another, each named by its
   * `label`, so that the status and the action stay in view with no sideways scrolling
   * (./table.css). Cells without a label (the row header, the action) stand on their own line.
   */
  stack?: boolean;
};

/**
 * A data table in its horizontally scrolling panel (named by the caption), so that wide tables
 * scroll on a phone instead of the page; or, with `stack`, a list of cards on a phone.
 */
export function Table({ caption, containerTestId, inset = false, stack = false, className, children, ...rest }: TableProps) {
  const captionId = useId();
  return (
    <ScrollPanel
      className={inset ? 'rounded-md border border-slate-200' : 'rounded-lg border border-slate-200 bg-white shadow-sm'}
      data-testid={containerTestId}
      aria-labelledby={captionId}
    >
      <table className={cx('min-w-full divide-y divide-slate-200 text-sm', stack && 'table-stack', className)} {...rest}>
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </ScrollPanel>
  );
}

/** The header row. */
export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>{children}</tr>
    </thead>
  );
}

export function TableBody(props: ComponentProps<'tbody'>) {
  return <tbody className="divide-y divide-slate-100" {...props} />;
}

type CellLook = {
  /** A number column: right-aligned (and, for data cells, tabular figures on one line). */
  numeric?: boolean;
  /** The first column, kept in view while the table scrolls sideways. */
  sticky?: boolean;
};

function columnHeaderClass({ numeric, sticky }: CellLook): string {
  if (sticky) return 'sticky left-0 bg-slate-50 px-3 py-2 text-left font-semibold';
  return numeric ? 'px-3 py-2 text-right font-semibold' : 'px-3 py-2 text-left font-semibold';
}

/** A column header. */
export function Th({ numeric, sticky, className, scope = 'col', ...rest }: ComponentProps<'th'> & CellLook) {
  return <th scope={scope} className={cx(columnHeaderClass({ numeric, sticky }), className)} {...rest} />;
}

/** The header of the column of links or buttons acting on each row: named for screen readers only. */
export function ActionsTh() {
  return (
    <Th>
      <span className="sr-only">Thao tác</span>
    </Th>
  );
}

type StackLabel = {
  /** In a `stack` table on a phone, the column's name written before the value. */
  label?: string;
};

/** A row header: the cell naming what the row is about. A sticky one stays on one line. */
export function RowTh({ sticky, label, className, ...rest }: ComponentProps<'th'> & Pick<CellLook, 'sticky'> & StackLabel) {
  const look = sticky ? 'sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap' : 'px-3 py-2 text-left font-medium';
  return <th scope="row" className={cx(look, className)} data-label={label} {...rest} />;
}

/** A data cell. */
export function Td({ numeric, label, className, ...rest }: ComponentProps<'td'> & Pick<CellLook, 'numeric'> & StackLabel) {
  return <td className={cx(numeric ? 'tabular px-3 py-2 text-right whitespace-nowrap' : 'px-3 py-2', className)} data-label={label} {...rest} />;
}

/** The one row a table body shows when it has nothing to list. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}
