/** Kinds of refusal, each with its own HTTP status in the API. */
export type ErrorCode =
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403
  | 'NOT_FOUND' // 404
  | 'INVALID_INPUT' // 400: the request itself is malformed or a field is invalid
  | 'RULES_FAILED' // 400: valid figures that break a blocking rule or miss required ones
  | 'CONFLICT' // 409: a stale version, an action the report's status does not allow, or a record another writer holds
  | 'UNAVAILABLE'; // 503: the database is too busy to answer in time (lib/platform/db-errors.ts); nothing was written

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  RULES_FAILED: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

/**
 * A refusal the user should read (a rule broken, a record missing, no right),
 * as opposed to a crash. Carries a Vietnamese message, and messages per field
 * keyed by the field's path.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[] | undefined> = {},
    readonly code: ErrorCode = 'INVALID_INPUT',
    /** `cause`: the error behind the refusal, for the log line (e.g. a lock timeout). */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new UserFacingError(message, {}, 'FORBIDDEN');
export const notFound = (message: string) => new UserFacingError(message, {}, 'NOT_FOUND');
export const conflict = (message: string, fieldErrors: Record<string, string[] | undefined> = {}) =>
  new UserFacingError(message, fieldErrors, 'CONFLICT');
