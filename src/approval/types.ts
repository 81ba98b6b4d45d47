/** What happened to each user of an approval or reactivation run. */
import type { RawReltioUser } from '../reltio/types.js'

/** The fate of one approved user in an approval run. */
export type DeactivateOutcome =
  'deactivated' | 'would-deactivate' | 'already-disabled' | 'skipped' | 'failed'

/** One approved user's result, as the table, comment and files show it. */
export interface UserResult {
  username: string
  outcome: DeactivateOutcome
  /** Why, in a sentence: the rule that spared the user, or the error. */
  reason: string
  /** The object as read just before the write; null when never read. */
  before: RawReltioUser | null
  /**
   * A PUT was sent and not refused with 403. True for a failure after it
   * too (an error answer, a read-back that differs): the write may have
   * landed, so the user belongs in the rollback file.
   */
  written: boolean
}

/** The fate of one user in a reactivation run. */
export type ReactivateOutcome =
  'reactivated' | 'would-reactivate' | 'already-enabled' | 'skipped' | 'failed'

/** One reactivation target's result. */
export interface ReactivateResult {
  username: string
  outcome: ReactivateOutcome
  reason: string
  before: RawReltioUser | null
  written: boolean
}
