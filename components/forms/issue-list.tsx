const TONES = {
  red: 'border-red-300 bg-red-50 text-red-900',
  amber: 'border-amber-300 bg-amber-50 text-amber-900',
  slate: 'border-slate-200 bg-slate-50 text-slate-700',
} as const;

/** A titled, counted list of messages (errors, warnings, notes about a file); nothing when empty. */
export function IssueList({ title, items, tone, testId }: { title: string; items: string[]; tone: keyof typeof TONES; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div className={`rounded-md border p-3 text-sm ${TONES[tone]}`} data-testid={testId}>
      <p className="font-semibold">
        {title} ({items.length.toLocaleString('vi-VN')})
      </p>
      <ul className="mt-1 max-h-80 list-disc space-y-1 overflow-y-auto pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
