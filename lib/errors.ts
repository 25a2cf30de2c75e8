/**
 * A refusal the user should read (a rule broken, a record missing), as opposed
 * to a crash. Carries messages per field, in Vietnamese.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[] | undefined> = {},
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
