import { UserError } from '../../db/errors';

/** Runs what must fail with a user error, and returns that error for the test to look at. */
export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
