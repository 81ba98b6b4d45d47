/**
 * Markdown for people: the job summary of an approval or reactivation run
 * and the shorter comment on the review issue. Record text is escaped.
 */
import type { ReactivateRequest } from '../config-types.js'
import { escapeCell, escapeInline, escapeUrl } from '../report/escape.js'
import type { ApprovalMeta, ReactivationMeta } from './results.js'
import type { ReactivateResult, UserResult } from './types.js'

type AnyResult = UserResult | ReactivateResult

// GitHub refuses a job summary over 1 MiB; stay well below it with room
// for the text around the table.
const SUMMARY_BUDGET_BYTES = 900_000
// GitHub's limit on a comment body is 65,536 characters.
const COMMENT_BUDGET_CHARS = 60_000
const LIST_MAX = 30

const LABELS: Record<AnyResult['outcome'], string> = {
  deactivated: 'deactivated',
  'would-deactivate': 'would deactivate',
  'already-disabled': 'already disabled',
  reactivated: 'reactivated',
  'would-reactivate': 'would reactivate',
  'already-enabled': 'already enabled',
  skipped: 'skipped',
  failed: 'failed'
}

// Failures first, so that a table cut short still shows what went wrong.
const ORDER: AnyResult['outcome'][] = [
  'failed',
  'skipped',
  'already-disabled',
  'already-enabled',
  'would-deactivate',
  'would-reactivate',
  'deactivated',
  'reactivated'
]

/** The job summary of an approval run: counts, a row per user, how to undo. */
export function renderApprovalSummary(
  results: UserResult[],
  meta: ApprovalMeta
): string {
  return joinParts([
    `## Reltio inactive users: approval${meta.dryRun ? ' (dry run)' : ''}`,
    `Plan ${escapeInline(meta.planId)} · customer ` +
      `${escapeInline(meta.customerId)} · approved by ${actorText(meta.approver)}` +
      ` · ${meta.now.toISOString()}`,
    dryRunNote(meta.dryRun, 'deactivate'),
    stoppedNote(meta.stopped),
    countsLine(results),
    resultsTable(results),
    callsNote(meta),
    selectionNotes(meta),
    policyNote(meta),
    undoNote(results, meta)
  ])
}

/** The comment left on the review issue: counts, the exceptions, how to undo. */
export function renderApprovalComment(
  results: UserResult[],
  meta: ApprovalMeta
): string {
  const failed = results.filter((r) => r.outcome === 'failed')
  const spared = results.filter(
    (r) => r.outcome === 'skipped' || r.outcome === 'already-disabled'
  )
  const done = results.filter(
    (r) => r.outcome === 'deactivated' || r.outcome === 'would-deactivate'
  )
  const text = joinParts([
    `**${meta.dryRun ? 'Dry run of the approval' : 'Approval run'}** ` +
      `${runLink(meta)} of plan ${escapeInline(meta.planId)}, approved by ` +
      `${actorText(meta.approver)}.`,
    countsLine(results),
    stoppedNote(meta.stopped),
    userList('Failed', failed),
    userList('Spared by the re-check (not a failure)', spared),
    userList(meta.dryRun ? 'Would deactivate' : 'Deactivated', done),
    undoNote(results, meta),
    'The table of every user is in the run summary and results.json.'
  ])
  return limitChars(text, COMMENT_BUDGET_CHARS)
}

/** The job summary of a reactivation run. */
export function renderReactivationSummary(
  results: ReactivateResult[],
  meta: ReactivationMeta
): string {
  const facts = [
    meta.customerId ? `customer ${escapeInline(meta.customerId)}` : '',
    `users of ${sourceText(meta.source)}`,
    meta.actor ? `run by ${actorText(meta.actor)}` : '',
    meta.now ? meta.now.toISOString() : ''
  ]
  return joinParts([
    `## Reltio inactive users: reactivation${meta.dryRun ? ' (dry run)' : ''}`,
    facts.filter((fact) => fact !== '').join(' · '),
    dryRunNote(meta.dryRun, 'reactivate'),
    stoppedNote(meta.stopped),
    countsLine(results),
    resultsTable(results)
  ])
}

function actorText(actor: string | null): string {
  return actor ? escapeInline(actor) : 'an unknown actor'
}

function sourceText(source: ReactivateRequest): string {
  return source.kind === 'run'
    ? `approval run ${source.runId}`
    : `a list of ${source.usernames.length}`
}

function dryRunNote(dryRun: boolean, verb: string): string {
  if (!dryRun) return ''
  return (
    `> [!NOTE]\n> Dry run: nothing was written to Reltio. Every read and ` +
    `decision was made; the table says whom it would ${verb}.`
  )
}

function stoppedNote(stopped: string | null | undefined): string {
  if (!stopped) return ''
  return `> [!CAUTION]\n> The run stopped early: ${escapeInline(stopped)}`
}

function countsLine(results: AnyResult[]): string {
  const listed = ORDER.map((outcome) => {
    const n = results.filter((r) => r.outcome === outcome).length
    return n > 0 ? `${LABELS[outcome]}: ${n}` : ''
  }).filter((text) => text !== '')
  if (listed.length === 0) return 'No users to act on.'
  return `${results.length} user(s) — ${listed.join(', ')}.`
}

function resultsTable(results: AnyResult[]): string {
  if (results.length === 0) return ''
  const header = '| user | outcome | reason |\n|---|---|---|'
  const rows: string[] = []
  let bytes = Buffer.byteLength(header)
  for (const result of sortByOutcome(results)) {
    const row =
      `| ${escapeCell(result.username)} | ${cellLabel(result.outcome)} | ` +
      `${escapeCell(result.reason)} |`
    bytes += Buffer.byteLength(row) + 1
    if (bytes > SUMMARY_BUDGET_BYTES) break
    rows.push(row)
  }
  const left = results.length - rows.length
  const more = left > 0 ? `\n\n${left} more user(s) are in results.json.` : ''
  return `${header}\n${rows.join('\n')}${more}`
}

function cellLabel(outcome: AnyResult['outcome']): string {
  return outcome === 'failed' ? '**failed**' : LABELS[outcome]
}

function sortByOutcome(results: AnyResult[]): AnyResult[] {
  const rank = (r: AnyResult): number => ORDER.indexOf(r.outcome)
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank(a.result) - rank(b.result) || a.index - b.index)
    .map(({ result }) => result)
}

// Retries are invisible in the table (the user is simply deactivated), so
// a run that fought through throttling or broken connections says so here.
function callsNote(meta: ApprovalMeta): string {
  const calls = meta.reltioCalls
  if (!calls) return ''
  const retried =
    calls.retries === 0
      ? 'none retried'
      : `${calls.retries} retried after a 429 or 503 answer, a broken connection or a timeout`
  const tokens =
    calls.tokenRefreshes === 0 ? '' : `, ${calls.tokenRefreshes} new token(s)`
  return `Reltio calls: ${calls.requests} request(s), ${retried}${tokens}.`
}

function selectionNotes(meta: ApprovalMeta): string {
  return [
    namesNote('Kept by reviewers (unticked)', meta.keptByReviewers),
    namesNote(
      'Not listed in the issue, so not approved',
      meta.missingFromIssue
    ),
    namesNote('Issue items not in the plan, ignored', meta.ignoredNotInPlan)
  ]
    .filter((note) => note !== '')
    .join('\n')
}

function namesNote(title: string, names: string[] | undefined): string {
  if (!names || names.length === 0) return ''
  const shown = names.slice(0, LIST_MAX).map((name) => escapeCell(name))
  const left = names.length - shown.length
  const more = left > 0 ? `, and ${left} more` : ''
  return `- ${title} (${names.length}): ${shown.join(', ')}${more}`
}

function policyNote(meta: ApprovalMeta): string {
  const policy = meta.passwordPolicy
  if (!policy) return ''
  const from = policy.before ?? 'unset'
  if (!policy.wouldChange) {
    return `Password policy: inactivePeriodInDays is already ${from}.`
  }
  if (!policy.changed) {
    return `Password policy: inactivePeriodInDays is ${from}; a real run would set it to inactive-days.`
  }
  return `Password policy: inactivePeriodInDays set from ${from} to ${policy.after ?? 'unset'}.`
}

function undoNote(
  results: AnyResult[],
  meta: { dryRun: boolean; runId?: string | null }
): string {
  const written = results.filter((r) => r.written).length
  if (meta.dryRun || written === 0) return ''
  // The run id goes inside a code span, where escaping does not work.
  const runId = meta.runId?.replace(/[^A-Za-z0-9-]/g, '') || '<this run id>'
  return (
    `To undo, run the workflow with \`reactivate: ${runId}\`: it re-enables ` +
    `the ${written} user(s) written here, from this run's rollback.json.`
  )
}

function userList(title: string, results: AnyResult[]): string {
  if (results.length === 0) return ''
  const shown = results.slice(0, LIST_MAX).map((r) => {
    return `- ${escapeCell(r.username)}: ${escapeCell(r.reason)}`
  })
  const left = results.length - shown.length
  const more = left > 0 ? `\n- … and ${left} more, in results.json` : ''
  return `${title}:\n${shown.join('\n')}${more}`
}

function runLink(meta: ApprovalMeta): string {
  const url = escapeUrl(meta.runUrl ?? null)
  const label = meta.runId === null ? 'run' : `run ${escapeInline(meta.runId)}`
  return url === null ? label : `[${label}](${url})`
}

function joinParts(parts: string[]): string {
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`
}

function limitChars(text: string, max: number): string {
  if (text.length <= max) return text
  return `${text.slice(0, max - 40)}\n\n… cut short; see results.json.\n`
}
