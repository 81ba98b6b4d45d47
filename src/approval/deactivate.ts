/**
 * Deactivates the approved users one by one: read fresh, re-check, write
 * the whole object back with only `enabled: false`, read back and compare.
 */
import { mapLimited } from '../concurrency.js'
import { getErrorMessage } from '../errors.js'
import type { InactivitySettings } from '../inactivity/types.js'
import type { RawReltioUser, ReltioApi } from '../reltio/types.js'
import type { PlanCandidate } from '../report/types.js'
import { recheckUser } from './recheck.js'
import type { UserResult } from './types.js'
import {
  NOT_ATTEMPTED_REASON,
  CANCELLED_REASON,
  WriteGate,
  WritesForbiddenError,
  isForbidden,
  putEnabled
} from './write.js'

/** Re-exported: callers import the result type with the function. */
export type { UserResult } from './types.js'

/** How an approval run deactivates its approved users. */
export interface DeactivateOptions {
  now: Date
  /** The settings of the plan being approved, so the re-check agrees. */
  settings: InactivitySettings
  concurrency: number
  dryRun: boolean
  /**
   * Extra evidence (activity or audit log) checked after the re-check;
   * returns a reason to spare the user, or null.
   */
  recheck?: (user: RawReltioUser) => Promise<string | null>
  /** Called as each user finishes, for live logging. */
  onResult?: (result: UserResult) => void
  /** Aborted when the run is cancelled: users not yet begun are left alone. */
  signal?: AbortSignal
}

/**
 * Deactivates each approved user still eligible, at most `concurrency` at
 * a time, and returns one result per user in the order given.
 * @throws WritesForbiddenError at the first 403, after no further write;
 *   its `results` cover every user.
 */
export async function deactivateApproved(
  api: ReltioApi,
  approved: PlanCandidate[],
  opts: DeactivateOptions
): Promise<UserResult[]> {
  const gate = new WriteGate()
  const results = await mapLimited(
    approved,
    opts.concurrency,
    async (candidate) => {
      const result = await deactivateOne(api, candidate.username, opts, gate)
      opts.onResult?.(result)
      return result
    }
  )
  if (gate.forbidden) {
    throw new WritesForbiddenError(gate.forbidden, api.identity, results)
  }
  return results
}

async function deactivateOne(
  api: ReltioApi,
  username: string,
  opts: DeactivateOptions,
  gate: WriteGate
): Promise<UserResult> {
  const result = (
    outcome: UserResult['outcome'],
    reason: string,
    before: RawReltioUser | null = null,
    written = false
  ): UserResult => ({ username, outcome, reason, before, written })

  if (gate.forbidden) return result('failed', NOT_ATTEMPTED_REASON)
  if (opts.signal?.aborted) return result('failed', CANCELLED_REASON)
  let before: RawReltioUser | null = null
  try {
    const fresh = await api.getUser(username)
    const verdict = recheckUser(username, fresh, {
      now: opts.now,
      settings: opts.settings,
      identity: api.identity
    })
    if (!verdict.proceed) {
      const seen = fresh?.username === username ? fresh : null
      return result(verdict.outcome, verdict.reason, seen)
    }
    before = verdict.user
    const spared = await runExtraRecheck(opts, before)
    if (spared !== null) return result('skipped', spared, before)
    if (opts.dryRun) return result('would-deactivate', verdict.reason, before)
    const write = await putEnabled(api, gate, before, false)
    return write.ok
      ? result('deactivated', verdict.reason, before, true)
      : result('failed', write.reason, before, write.sent)
  } catch (error) {
    if (isForbidden(error)) gate.stop(error)
    return result('failed', getErrorMessage(error), before, false)
  }
}

/** The recheck hook; an error in it spares nobody, it fails the user. */
async function runExtraRecheck(
  opts: DeactivateOptions,
  user: RawReltioUser
): Promise<string | null> {
  if (!opts.recheck) return null
  try {
    const reason = await opts.recheck(user)
    return reason === null ? null : `spared by the re-check: ${reason}`
  } catch (error) {
    throw new Error(
      `the evidence re-check failed, so the user was not written: ${getErrorMessage(error)}`,
      { cause: error }
    )
  }
}
