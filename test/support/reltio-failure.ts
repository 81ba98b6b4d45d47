/** Awaiting a call that must fail with a ReltioError. */
import { expect } from 'vitest'
import { ReltioError } from '../../src/errors.ts'

/** The ReltioError `promise` rejects with; fails the test otherwise. */
export async function failure(promise: Promise<unknown>): Promise<ReltioError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(ReltioError)
  return error as ReltioError
}
