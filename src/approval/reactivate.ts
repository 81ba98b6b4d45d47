/**
 * Re-enables users, from an earlier approval run's rollback file or a
 * list, with the same read-modify-write as deactivation.
 */
import { z } from 'zod'
import { mapLimited } from '../concurrency.js'
import { ApprovalError, getErrorMessage } from '../errors.js'
import type { RawReltioUser, ReltioApi } from '../reltio/types.js'
import type { ReactivateResult } from './types.js'
import {
  NOT_ATTEMPTED_REASON,
  WriteGate,
  WritesForbiddenError,
  isForbidden,
  putEnabled
} from './write.js'

/** Re-exported: callers import the result type with the function. */
export type { ReactivateResult } from './types.js'

/** How a reactivation run writes. */
export interface ReactivateOptions {
  concurrency: number
  dryRun: boolean
  onResult?: (result: ReactivateResult) => void
}

/**
 * Enables each target that Reltio shows disabled, at most `concurrency` at
 * a time; results come back in the order given.
 * @throws WritesForbiddenError at the first 403, after no further write.
 */
export async function reactivateUsers(
  api: ReltioApi,
  targets: Array<{ username: string }>,
  opts: ReactivateOptions
): Promise<ReactivateResult[]> {
  const gate = new WriteGate()
  const results = await mapLimited(
    targets,
    opts.concurrency,
    async ({ username }) => {
      const result = await reactivateOne(api, username, opts.dryRun, gate)
      opts.onResult?.(result)
      return result
    }
  )
  if (gate.forbidden) {
    throw new WritesForbiddenError(gate.forbidden, api.identity, results)
  }
  return results
}

async function reactivateOne(
  api: ReltioApi,
  username: string,
  dryRun: boolean,
  gate: WriteGate
): Promise<ReactivateResult> {
  const result = (
    outcome: ReactivateResult['outcome'],
    reason: string,
    before: RawReltioUser | null = null,
    written = false
  ): ReactivateResult => ({ username, outcome, reason, before, written })

  if (gate.forbidden) return result('failed', NOT_ATTEMPTED_REASON)
  try {
    const before = await api.getUser(username)
    if (before === null) {
      return result('skipped', 'not found in Reltio (deleted or renamed)')
    }
    // Absent `enabled` reads as enabled, as Reltio lets such a user log in.
    if (before.enabled !== false) {
      return result('already-enabled', 'already enabled', before)
    }
    if (dryRun) return result('would-reactivate', 'disabled now', before)
    const write = await putEnabled(api, gate, before, true)
    return write.ok
      ? result('reactivated', 'enabled again', before, true)
      : result('failed', write.reason, before, write.sent)
  } catch (error) {
    if (isForbidden(error)) gate.stop(error)
    return result('failed', getErrorMessage(error))
  }
}

const RollbackSchema = z.looseObject({
  users: z.array(z.looseObject({ username: z.string().trim().min(1) }))
})

/**
 * The users to re-enable from an earlier approval run's `rollback.json`.
 * @throws ApprovalError when the file is not a rollback file.
 */
export function rollbackTargets(
  rollback: unknown
): Array<{ username: string }> {
  const parsed = RollbackSchema.safeParse(rollback)
  if (!parsed.success) {
    throw new ApprovalError(
      `The rollback.json of that run is not a rollback file (${z.prettifyError(parsed.error)}); ` +
        `pass the usernames to reactivate, one per line, instead.`
    )
  }
  const usernames = new Set(parsed.data.users.map((user) => user.username))
  return [...usernames].map((username) => ({ username }))
}
