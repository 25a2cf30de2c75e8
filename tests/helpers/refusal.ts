import { expect } from 'vitest';
import { UserFacingError } from '../../lib/errors';

/** The refusal a data-layer call ends in; fails the test when it succeeds or crashes otherwise. */
export async function refusal(p: Promise<unknown>): Promise<UserFacingError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserFacingError);
  return e as UserFacingError;
}
