/**
 * The files an approval or reactivation run leaves behind: `results.json`
 * for the auditor and `rollback.json` for undoing the run.
 */
import type { ReactivateRequest } from '../config-types.js'
import type { RawReltioUser, ReltioStats } from '../reltio/types.js'
import type { PolicyEnforcement } from './password-policy.js'
import type { ReactivateResult, UserResult } from './types.js'

export {
  renderApprovalComment,
  renderApprovalSummary,
  renderReactivationSummary
} from './summary.js'

/** Who ran what, when, and what the issue did; for files and summaries. */
export interface ApprovalMeta {
  planId: string
  customerId: string
  /** The report run whose artifact held the plan. */
  reportRunId?: number | null
  /** This run's id, which `reactivate:` takes to undo it. */
  runId: string | null
  runUrl?: string | null
  /** The GitHub login that ran the approval. */
  approver: string | null
  dryRun: boolean
  now: Date
  keptByReviewers?: string[]
  missingFromIssue?: string[]
  ignoredNotInPlan?: string[]
  passwordPolicy?: PolicyEnforcement | null
  /** Why the run stopped before every user was tried (a 403), or null. */
  stopped?: string | null
  /** How many Reltio calls were retried, to show faults that were overcome. */
  reltioCalls?: ReltioStats | null
}

/** The same for a reactivation run. */
export interface ReactivationMeta {
  /** An earlier approval run, or the usernames given. */
  source: ReactivateRequest
  customerId?: string | null
  runId?: string | null
  actor?: string | null
  dryRun: boolean
  now?: Date
  stopped?: string | null
}

/** One user's line in `results.json`: done, skipped with why, or failed. */
export type ResultEntry =
  | {
      username: string
      status: 'done' | 'dry-run' | 'skipped'
      outcome: string
      reason: string
    }
  | { username: string; status: 'failed'; outcome: 'failed'; error: string }

const STATUS_OF: Record<
  UserResult['outcome'] | ReactivateResult['outcome'],
  'done' | 'dry-run' | 'skipped' | 'failed'
> = {
  deactivated: 'done',
  reactivated: 'done',
  'would-deactivate': 'dry-run',
  'would-reactivate': 'dry-run',
  'already-disabled': 'skipped',
  'already-enabled': 'skipped',
  skipped: 'skipped',
  failed: 'failed'
}

const DEACTIVATE_OUTCOMES = [
  'deactivated',
  'would-deactivate',
  'already-disabled',
  'skipped',
  'failed'
] as const
const REACTIVATE_OUTCOMES = [
  'reactivated',
  'would-reactivate',
  'already-enabled',
  'skipped',
  'failed'
] as const

/** `results.json` of an approval run. */
export function buildResultsFile(
  planId: string,
  results: UserResult[],
  meta: ApprovalMeta
) {
  return {
    schemaVersion: 1 as const,
    kind: 'approval' as const,
    planId,
    customerId: meta.customerId,
    reportRunId: meta.reportRunId ?? null,
    runId: meta.runId,
    approver: meta.approver,
    dryRun: meta.dryRun,
    generatedAt: meta.now.toISOString(),
    stopped: meta.stopped ?? null,
    passwordPolicy: meta.passwordPolicy ?? null,
    counts: countOutcomes(results, DEACTIVATE_OUTCOMES),
    users: results.map(toEntry)
  }
}

/** `results.json` of a reactivation run; no user object is copied in. */
export function buildReactivationResultsFile(
  results: ReactivateResult[],
  meta: ReactivationMeta & { now: Date }
) {
  return {
    schemaVersion: 1 as const,
    kind: 'reactivation' as const,
    source: meta.source,
    customerId: meta.customerId ?? null,
    runId: meta.runId ?? null,
    actor: meta.actor ?? null,
    dryRun: meta.dryRun,
    generatedAt: meta.now.toISOString(),
    stopped: meta.stopped ?? null,
    counts: countOutcomes(results, REACTIVATE_OUTCOMES),
    users: results.map(toEntry)
  }
}

function toEntry(result: UserResult | ReactivateResult): ResultEntry {
  const status = STATUS_OF[result.outcome]
  if (status === 'failed') {
    return {
      username: result.username,
      status,
      outcome: 'failed',
      error: result.reason
    }
  }
  const { username, outcome, reason } = result
  return { username, status, outcome, reason }
}

/** How many users ended in each outcome, plus the total. */
export function countOutcomes(
  results: Array<{ outcome: string }>,
  outcomes: readonly string[]
): Record<string, number> {
  const counts: Record<string, number> = { total: results.length }
  for (const outcome of outcomes) {
    counts[outcome] = results.filter((r) => r.outcome === outcome).length
  }
  return counts
}

// A field whose name says it holds a secret is dropped, whatever it holds.
// Reltio documents no secret in a user object, but legacy fields such as
// `externalTokens` exist and the object passes through untouched; the
// rollback file is an artifact anyone with read access can download, and
// reactivation re-reads each user rather than writing this copy back, so
// a harmless field lost here (`passwordChangedDate`) costs only detail.
const SECRET_NAME =
  /pass(word|wd|phrase)|secret|token|credential|api_?key|private_?key/i

/**
 * `rollback.json`: every user this run wrote (or may have written), as it
 * was before the write, with fields named like secrets removed and listed.
 */
export function buildRollbackFile(
  planId: string,
  runId: string | null,
  results: Array<UserResult | ReactivateResult>,
  options: { dryRun?: boolean } = {}
) {
  const redacted = new Set<string>()
  const users = results.flatMap((result) =>
    !options.dryRun && isUndoable(result) && result.before !== null
      ? [
          {
            username: result.username,
            before: redact(result.before, '', redacted) as RawReltioUser,
            ...(result.written ? {} : { disabledEarlier: true })
          }
        ]
      : []
  )
  return {
    schemaVersion: 1 as const,
    kind: 'rollback' as const,
    planId,
    runId,
    // Undoing re-reads each user and flips `enabled` back; `before` is the
    // record of what the user looked like, not something written back.
    undo: runId === null ? null : `reactivate: ${runId}`,
    redactedFields: [...redacted].sort(),
    users
  }
}

/**
 * Users this run wrote, and approved users found already disabled: a plan
 * holds only users enabled at report time, so those were most likely
 * disabled by an earlier run of the same plan that was stopped before it
 * could leave a rollback file. Undoing them too keeps `reactivate: <run>`
 * complete after an interrupted approval.
 */
function isUndoable(result: UserResult | ReactivateResult): boolean {
  return result.written || result.outcome === 'already-disabled'
}

function redact(value: unknown, path: string, redacted: Set<string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => redact(item, `${path}[]`, redacted))
  }
  if (value === null || typeof value !== 'object') return value
  const kept: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value)) {
    const fieldPath = path === '' ? key : `${path}.${key}`
    if (SECRET_NAME.test(key)) redacted.add(fieldPath)
    else kept[key] = redact(field, fieldPath, redacted)
  }
  return kept
}
