/**
 * The one way this action writes a user: PUT the object exactly as just
 * read with only `enabled` changed, then read it back and compare.
 */
import { isDeepStrictEqual } from 'node:util'
import { ReltioError, getErrorMessage } from '../errors.js'
import type { RawReltioUser, ReltioApi } from '../reltio/types.js'

/** Fields Reltio sets itself and ignores in a PUT (reltio-api.md §2). */
export const READ_ONLY_USER_FIELDS: readonly string[] = [
  'lastLoginDate',
  'passwordChangedDate',
  'numberFailedLoginAttempts',
  'firstLogin'
]

/** How a write ended: verified, or failed with a sentence saying why. */
export type WriteOutcome =
  | { ok: true }
  | {
      ok: false
      reason: string
      /** The PUT went out (and may have landed despite the failure). */
      sent: boolean
    }

/**
 * PUTs `before` back with only `enabled` set, re-reads the user and checks
 * that every writable field came back as sent.
 * @throws ReltioError when the PUT itself is refused with 403, so the
 *   caller can stop every further write.
 */
export async function putEnabled(
  api: ReltioApi,
  gate: WriteGate,
  before: RawReltioUser,
  enabled: boolean
): Promise<WriteOutcome> {
  // Reltio's PUT replaces the whole user, so anything left out is lost:
  // send a deep copy of what was read, changed in this one field.
  const sent = structuredClone(before)
  sent.enabled = enabled
  try {
    const answer = await gate.run(() => api.putUser(before.username, sent))
    if (answer === NOT_SENT) {
      return { ok: false, reason: NOT_ATTEMPTED_REASON, sent: false }
    }
  } catch (error) {
    if (isForbidden(error)) throw error
    // The answer may be lost (a reset, a timeout) or cut short while the
    // PUT itself landed; the read-back says whether it did, so a user who
    // is in fact deactivated is not reported as failed.
    const landed = await verifyReadBack(api, sent)
    if (landed.ok) return landed
    const reason = `PUT failed: ${getErrorMessage(error)}`
    return { ok: false, reason, sent: true }
  }
  return verifyReadBack(api, sent)
}

async function verifyReadBack(
  api: ReltioApi,
  sent: RawReltioUser
): Promise<WriteOutcome> {
  let reread: RawReltioUser | null
  try {
    reread = await api.getUser(sent.username)
  } catch (error) {
    const reason = `the PUT was answered but the user could not be read back to verify it: ${getErrorMessage(error)}`
    return { ok: false, reason, sent: true }
  }
  if (reread === null) {
    const reason = 'not found when read back after the PUT'
    return { ok: false, reason, sent: true }
  }
  const differing = differingFields(sent, reread, READ_ONLY_USER_FIELDS)
  if (differing.length === 0) return { ok: true }
  const reason = `read back after the PUT, Reltio differs from what was sent in: ${differing.join(', ')}`
  return { ok: false, reason, sent: true }
}

/** Top-level field names whose values differ, apart from `ignored` ones. */
export function differingFields(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  ignored: readonly string[] = []
): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
  return [...keys]
    .filter((key) => !ignored.includes(key))
    .filter((key) => !isDeepStrictEqual(expected[key], actual[key]))
    .sort()
}

/** A 403 from Reltio: the identity lacks the rights to write users. */
export function isForbidden(error: unknown): error is ReltioError {
  return error instanceof ReltioError && error.status === 403
}

/**
 * The first 403 stopped every further write; `results` holds what happened
 * to each user up to then, and the users never attempted.
 */
export class WritesForbiddenError<R> extends ReltioError {
  override name = 'WritesForbiddenError'
  readonly results: R[]

  constructor(cause: ReltioError, identity: string, results: R[]) {
    super(
      `Reltio answered 403 to ${cause.endpoint}: the identity "${identity}" ` +
        `lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER, which writing users ` +
        `needs. No further user was written. Grant one of those roles and ` +
        `run again; users already done are skipped. (${cause.message})`,
      { status: 403, endpoint: cause.endpoint }
    )
    this.results = results
  }
}

/** The result reason for users left alone after a 403 stopped the run. */
export const NOT_ATTEMPTED_REASON =
  'not attempted: the run stopped at a 403 before this user was written'

/** The reason given to users a cancelled run did not begin. */
export const CANCELLED_REASON =
  'not attempted: the run was cancelled before this user; run the approval again to finish'

/** What `WriteGate.run` returns for a write it did not send. */
export const NOT_SENT = Symbol('not sent')

/**
 * Orders the writes of one run so that a 403 stops all of them: until one
 * write has succeeded, writes go one at a time, so an identity without the
 * rights is refused once, before any other write is in flight. After that
 * they run at the run's concurrency; a later 403 stops every write not yet
 * sent.
 */
export class WriteGate {
  forbidden: ReltioError | null = null
  #proven = false
  #turn: Promise<void> = Promise.resolve()

  /** Records a 403 met outside a write (a read), which stops writes too. */
  stop(error: ReltioError): void {
    this.forbidden ??= error
  }

  /** Runs `write` unless writes are stopped; rethrows its error. */
  async run<T>(write: () => Promise<T>): Promise<T | typeof NOT_SENT> {
    if (this.#proven) return this.#attempt(write)
    const previous = this.#turn
    let release = (): void => undefined
    this.#turn = new Promise((resolve) => (release = resolve))
    try {
      await previous
      // Another write may have succeeded while this one waited its turn.
      if (this.#hasProven()) release()
      return await this.#attempt(write)
    } finally {
      release()
    }
  }

  #hasProven(): boolean {
    return this.#proven
  }

  async #attempt<T>(write: () => Promise<T>): Promise<T | typeof NOT_SENT> {
    if (this.forbidden) return NOT_SENT
    try {
      const answer = await write()
      this.#proven = true
      return answer
    } catch (error) {
      if (isForbidden(error)) this.stop(error)
      throw error
    }
  }
}
