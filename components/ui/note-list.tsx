/** The small print under a table or chart: how its figures are counted. */
export function NoteList({ notes }: { notes: readonly string[] }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
