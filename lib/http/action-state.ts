/**
 * What every form action returns; forms render it next to their fields. `payload` carries what
 * a form shows beyond a message (an upload's preview); most actions have none.
 */
export type ActionState<P = never> =
  | {
      ok: true;
      message: string;
      /** The record's version after the write, for optimistic concurrency. */
      version?: number;
      /** A secret shown to the user this once (a new API token); never stored in clear. */
      secret?: string;
      payload?: P;
    }
  | {
      ok: false;
      message: string;
      fieldErrors: Record<string, string[] | undefined>;
      /**
       * Set when the session has ended: the sign-in page, with a callbackUrl back to the page the
       * form is on, so that the user signs in again and returns to what they were doing.
       */
      signInUrl?: string;
    }
  | null;
