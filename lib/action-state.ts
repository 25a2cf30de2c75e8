/** What every form action returns; forms render it next to their fields. */
export type ActionState =
  | {
      ok: true;
      message: string;
      /** The record's version after the write, for optimistic concurrency. */
      version?: number;
      /** A secret shown to the user this once (a new API token); never stored in clear. */
      secret?: string;
    }
  | { ok: false; message: string; fieldErrors: Record<string, string[] | undefined> }
  | null;
