/**
 * The re-check just before a write (invariant 3): is the user Reltio
 * returns now still the enabled, inactive, not excluded user reviewed?
 */
import { classifyUser } from '../inactivity/classify.js'
import type { InactivitySettings } from '../inactivity/types.js'
import type { RawReltioUser } from '../reltio/types.js'
import type { DeactivateOutcome } from './types.js'

/** Go ahead (with the reason the user is still a candidate), or spare. */
export type Verdict =
  | { proceed: true; user: RawReltioUser; reason: string }
  | {
      proceed: false
      outcome: Extract<DeactivateOutcome, 'skipped' | 'already-disabled'>
      reason: string
    }

/** What the re-check needs besides the fresh user. */
export interface RecheckContext {
  now: Date
  settings: InactivitySettings
  /** Who the action runs as; never deactivated (invariant 7). */
  identity: string
}

/** Decides from the freshly read user whether the write may go ahead. */
export function recheckUser(
  planned: string,
  fresh: RawReltioUser | null,
  context: RecheckContext
): Verdict {
  if (fresh === null) {
    return skip('not found in Reltio (deleted or renamed since the report)')
  }
  // Reltio finds a user by username or email; an answer for another
  // username means the reviewed account is no longer the one found.
  if (fresh.username !== planned) {
    return skip(
      `Reltio now returns "${fresh.username}" for "${planned}"; not the reviewed user`
    )
  }
  if (isOwnIdentity(fresh, context.identity)) {
    return skip('the identity this action runs as is never deactivated')
  }
  const classified = classifyUser(fresh, context.now, context.settings)
  switch (classified.bucket) {
    case 'candidate':
      return { proceed: true, user: fresh, reason: classified.reason }
    case 'disabled':
      return {
        proceed: false,
        outcome: 'already-disabled',
        reason: 'already disabled — by an earlier run of this plan or by hand'
      }
    case 'excluded':
      return skip(`excluded now: ${classified.rule ?? classified.reason}`)
    default:
      return skip(
        `not a candidate any more (${classified.bucket}): ${classified.reason}`
      )
  }
}

function skip(reason: string): Verdict {
  return { proceed: false, outcome: 'skipped', reason }
}

/** Compared without case: Reltio usernames and emails are case-insensitive. */
function isOwnIdentity(user: RawReltioUser, identity: string): boolean {
  const self = identity.trim().toLowerCase()
  if (self === '') return false
  return [user.username, user.email].some((id) => id?.toLowerCase() === self)
}
