import type { ComponentProps, ReactNode } from 'react';
import { cx } from './cx';

type TableProps = ComponentProps<'table'> & {
  /** Read by screen readers only: what the table lists. */
  caption: ReactNode;
  /** A test id for the scrolling container rather than the table. */
  containerTestId?: string;
  /** Inside a card already: a plain border, no second white panel and shadow. */
  inset?: boolean;
};

/** A data table in its horizontally scrolling panel, so that wide tables scroll on a phone instead of the page. */
export function Table({ caption, containerTestId, inset = false, className, children, ...rest }: TableProps) {
  return (
    <div
      className={inset ? 'overflow-x-auto rounded-md border border-slate-200' : 'overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm'}
      data-testid={containerTestId}
    >
      <table className={cx('min-w-full divide-y divide-slate-200 text-sm', className)} {...rest}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
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

/** A row header: the cell naming what the row is about. A sticky one stays on one line. */
export function RowTh({ sticky, className, ...rest }: ComponentProps<'th'> & Pick<CellLook, 'sticky'>) {
  const look = sticky ? 'sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap' : 'px-3 py-2 text-left font-medium';
  return <th scope="row" className={cx(look, className)} {...rest} />;
}

/** A data cell. */
export function Td({ numeric, className, ...rest }: ComponentProps<'td'> & Pick<CellLook, 'numeric'>) {
  return <td className={cx(numeric ? 'tabular px-3 py-2 text-right whitespace-nowrap' : 'px-3 py-2', className)} {...rest} />;
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
