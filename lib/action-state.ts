/** What every form action returns; forms render it next to their fields. */
export type ActionState =
  | { ok: true; message: string }
  | { ok: false; message: string; fieldErrors: Record<string, string[] | undefined> }
  | null;
