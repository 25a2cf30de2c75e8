import type { ReactNode } from 'react';

const FORMATS = ['xlsx', 'csv'] as const;

/**
 * Download links of a page's tables, each as XLSX and as CSV ("Mô hình học tập (XLSX)"):
 * `path` is the file without its extension, `search` the page's choices (?ky=2022S1…).
 * Further items (the printable brief) come as children.
 */
export function ExportLinks({
  files,
  search = '',
  label,
  className = '',
  children,
}: {
  files: ReadonlyArray<{ label: string; path: string }>;
  search?: string;
  label?: string;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <ul className={['flex flex-wrap gap-2 text-sm', className].filter(Boolean).join(' ')} aria-label={label}>
      {files.flatMap((f) =>
        FORMATS.map((fmt) => (
          <li key={`${f.path}.${fmt}`}>
            <a href={`${f.path}.${fmt}${search}`} download className="inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
              {f.label} ({fmt.toUpperCase()})
            </a>
          </li>
        )),
      )}
      {children}
    </ul>
  );
}
