/**
 * The sections of the review issue's body around the candidate list, and
 * the candidate lines themselves. Every piece of record text goes through
 * a code span or `escapeInline`, never into the Markdown as it is.
 */
import type { Plan, PlanCandidate } from '../report/types.js'
import { escapeInline, escapeUrl } from '../report/escape.js'
import { formatCount } from '../report/summary-tables.js'
import { isSparedByLog, namesOfChecks } from '../report/second-opinions.js'
import { codeSpan, exactCodeSpan } from './issue-text.js'

/** Where the review issue points its reader, and who is kept already. */
export interface ReviewIssueContext {
  runUrl: string | null
  runId: string | null
  workflowFile: string | null
  repository: string | null
  /** Usernames reviewers unticked earlier that are still candidates. */
  keep: ReadonlySet<string>
}

/** The workflow `gh workflow run` names when the caller knows none. */
export const DEFAULT_WORKFLOW_FILE = 'reltio-inactive-users.yml'

const APPROACHING_SHOWN = 10
const RULES_SHOWN = 15
const SAFE_WORD = /^[A-Za-z0-9._:-]+$/

/** One task-list item: nothing before the username's code span. */
export function renderCandidateLine(
  candidate: PlanCandidate,
  keep: ReadonlySet<string>
): string {
  const box = keep.has(candidate.username) ? '[ ]' : '[x]'
  const email = candidate.email ? codeSpan(candidate.email) : 'no email'
  const login = candidate.lastLoginDate
    ? `last login ${formatDay(candidate.lastLoginDate)}`
    : 'no login on record'
  const details = [email, login]
  if (candidate.daysInactive !== null) {
    details.push(`${days(candidate.daysInactive)} inactive`)
  }
  const policy = candidate.pastReltioPolicy ? ' (past Reltio policy)' : ''
  const username = exactCodeSpan(candidate.username)
  return `- ${box} ${username} — ${details.join(', ')}${policy}`
}

/** The title, plan id, counts, report link and approval steps. */
export function renderIntro(plan: Plan, ctx: ReviewIssueContext): string {
  const runLink = renderRunLink(ctx)
  const generated = `generated ${formatMinute(plan.generatedAt)}`
  return [
    `## Inactive Reltio users: ${codeSpan(plan.customerId)}`,
    `plan-id: ${safeWord(plan.planId)}`,
    `**${count(plan.candidates.length, 'candidate')}** to deactivate: ` +
      `enabled users with no login for ${days(plan.settings.inactiveDays)} ` +
      `or more. Report: ${runLink ?? 'this run'}, ${generated}.`,
    renderCounts(plan),
    renderSecondOpinions(plan),
    renderPasswordPolicy(plan),
    renderHowToApprove(plan, ctx)
  ]
    .filter((section) => section !== '')
    .join('\n\n')
}

/** The approaching users (a short list) and the exclusions in brief. */
export function renderOutro(plan: Plan): string {
  return [renderApproaching(plan), renderExclusions(plan)]
    .filter((section) => section !== '')
    .join('\n\n')
}

/** The issue's title. */
export function renderTitle(customerId: string): string {
  const oneLine = customerId.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
  const short =
    oneLine.length > 200
      ? `${Array.from(oneLine).slice(0, 199).join('')}…`
      : oneLine
  return `Inactive Reltio users: ${short}`
}

/** A link to the report run, or null when the run is not known. */
export function renderRunLink(ctx: {
  runUrl: string | null
  runId: string | null
}): string | null {
  const url = escapeUrl(ctx.runUrl)
  const label = ctx.runId ? `run ${safeWord(ctx.runId)}` : 'the report run'
  return url ? `[${label}](${url})` : null
}

/** A value shown as is when harmless, else in an encoded code span. */
export function safeWord(value: string): string {
  return SAFE_WORD.test(value) ? value : codeSpan(value)
}

function renderCounts(plan: Plan): string {
  const { counts } = plan
  const parts = [
    `${counts.total} in total, ${counts.enabled} enabled`,
    `${counts.approaching} approaching`,
    `${counts['never-logged-in']} never logged in`,
    `${counts.excluded} excluded`,
    `${counts.disabled} disabled`,
    `${counts.active} active`,
    `${counts.unknown} unknown`
  ]
  return `Users: ${parts.join(' · ')}.`
}

function renderSecondOpinions(plan: Plan): string {
  const checks = namesOfChecks(plan.settings)
  if (checks === null) {
    return 'Second opinions: none (`activity-check` and `audit-check` are off).'
  }
  const spared = plan.users.filter(isSparedByLog).length
  if (spared === 0) {
    return `Second opinions (${checks}) spared no candidate: none showed recent use.`
  }
  return (
    `Second opinions (${checks}) spared ${count(spared, 'candidate')}: ` +
    `recent use in a log moved ${spared === 1 ? 'it' : 'them'} to active.`
  )
}

function renderPasswordPolicy(plan: Plan): string {
  const policy = plan.passwordPolicy
  if (policy.mode === 'off') return ''
  const ours = `this action: ${days(plan.settings.inactiveDays)}`
  if (policy.inactivePeriodInDays === null) {
    const why = policy.unavailable
      ? `: ${escapeInline(policy.unavailable)}`
      : ''
    return `Reltio password policy \`inactivePeriodInDays\`: not known${why} (${ours}).`
  }
  const proposed = policy.proposedInactivePeriodInDays
  const change =
    proposed === null ? '' : ` An approval run sets it to ${days(proposed)}.`
  return (
    `Reltio password policy \`inactivePeriodInDays\`: ` +
    `${days(policy.inactivePeriodInDays)} (${ours}).${change}`
  )
}

function renderHowToApprove(plan: Plan, ctx: ReviewIssueContext): string {
  const file = workflowFileName(ctx.workflowFile)
  const workflowUrl = workflowLink(ctx, file)
  const workflow = workflowUrl ? `[${file}](${workflowUrl})` : codeSpan(file)
  const planId = safeWord(plan.planId)
  const planArg = SAFE_WORD.test(plan.planId)
    ? plan.planId
    : '<the plan-id above>'
  return [
    '### How to approve',
    '1. Untick every user to keep. Only ticked users can be deactivated, ' +
      'and nothing added to this issue can add a user.',
    `2. Open **Actions › ${workflow} › Run workflow**, set \`approve\` to ` +
      `\`true\` and \`plan-id\` to ${planId}, and run it. Or from a terminal:`,
    '```sh\n' +
      `gh workflow run ${file} -f approve=true -f plan-id=${planArg}\n` +
      '```',
    'A newer report replaces this list and its plan id; users you unticked ' +
      'stay unticked while they are still candidates.'
  ].join('\n\n')
}

function renderApproaching(plan: Plan): string {
  if (plan.approaching.length === 0) return ''
  const shown = plan.approaching.slice(0, APPROACHING_SHOWN).map((user) => {
    const email = user.email ? `${codeSpan(user.email)}, ` : ''
    return `- ${codeSpan(user.username)} — ${email}${days(user.daysLeft)} left`
  })
  const more = plan.approaching.length - shown.length
  if (more > 0) shown.push(`- …and ${more} more in the report.`)
  return [
    `### Approaching (${plan.approaching.length})`,
    `Users who become candidates within ${days(plan.settings.warnDays)}:`,
    shown.join('\n')
  ].join('\n\n')
}

function renderExclusions(plan: Plan): string {
  const byRule = new Map<string, number>()
  for (const user of plan.users) {
    if (user.bucket !== 'excluded') continue
    const rule = user.rule ?? 'unnamed rule'
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1)
  }
  const rules = [...byRule].sort(
    ([ruleA, a], [ruleB, b]) => b - a || (ruleA < ruleB ? -1 : 1)
  )
  const lines = rules
    .slice(0, RULES_SHOWN)
    .map(([rule, users]) => `- ${codeSpan(rule, 200)}: ${count(users, 'user')}`)
  const more = rules.length - lines.length
  if (more > 0) lines.push(`- …and ${count(more, 'other rule')} in the report.`)
  const notes = renderExclusionNotes(plan)
  if (lines.length === 0 && notes.length === 0) return ''
  const total = `### Excluded (${plan.counts.excluded})`
  return [total, lines.join('\n'), ...notes]
    .filter((s) => s !== '')
    .join('\n\n')
}

function renderExclusionNotes(plan: Plan): string[] {
  const notes: string[] = []
  const expired = plan.expiredAllowlist.length
  if (expired > 0) {
    notes.push(
      `${count(expired, 'allowlist entry', 'allowlist entries')} expired and ` +
        'no longer apply; the report lists them.'
    )
  }
  const deletable = plan.deletionCandidates.length
  if (deletable > 0) {
    notes.push(
      `${count(deletable, 'disabled user')} inactive longer than ` +
        `${days(plan.settings.inactiveDays)} could be deleted by hand in the ` +
        'Reltio Console; the report lists them.'
    )
  }
  return notes
}

function workflowFileName(workflowFile: string | null): string {
  // A path such as `.github/workflows/x.yml` becomes `x.yml`, which is what
  // `gh workflow run` takes; anything odd falls back to the default name.
  const name = workflowFile?.split('/').pop() ?? ''
  return /^[\w.-]+\.ya?ml$/.test(name) ? name : DEFAULT_WORKFLOW_FILE
}

function workflowLink(ctx: ReviewIssueContext, file: string): string | null {
  if (!ctx.runUrl || !ctx.repository) return null
  if (!/^[\w.-]+\/[\w.-]+$/.test(ctx.repository)) return null
  try {
    const origin = new URL(ctx.runUrl).origin
    return escapeUrl(`${origin}/${ctx.repository}/actions/workflows/${file}`)
  } catch {
    return null
  }
}

function formatDay(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time)
    ? codeSpan(iso, 40)
    : new Date(time).toISOString().slice(0, 10)
}

function formatMinute(iso: string): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return codeSpan(iso, 40)
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function days(n: number): string {
  return count(n, 'day')
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}
