'use client';

/** Focuses a field and scrolls it to the middle of the screen, clear of the sticky bars. */
export function focusField(id: string): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
  return true;
}

export type ErrorSummaryEntry = { key: string; label: string; messages: string[]; target: string | null };

/**
 * What to fix, by field, each entry a link that takes focus to its field. The form moves focus
 * to the first field itself; this list is the way to the others.
 */
export function ErrorSummary({ id, title, entries, children }: { id: string; title: string; entries: ErrorSummaryEntry[]; children?: React.ReactNode }) {
  if (entries.length === 0) return null;
  return (
    <section id={id} tabIndex={-1} aria-labelledby={`${id}-title`} className="rounded-lg border-2 border-red-700 bg-red-50 p-4 text-sm text-red-950" data-testid="error-summary">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      {children}
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {entries.map((e) => (
          <li key={e.key}>
            {e.target ? (
              <a
                href={`#${e.target}`}
                className="font-medium text-red-900 underline"
                onClick={(event) => {
                  if (focusField(e.target!)) event.preventDefault();
                }}
              >
                {e.label}
              </a>
            ) : (
              <span className="font-medium">{e.label}</span>
            )}
            : {e.messages.join(' ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
