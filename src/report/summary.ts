import { escapeCell, escapeUrl } from './escape.js'
import { describeChecks } from './second-opinions.js'
import { buildSummaryTables } from './summary-sections.js'
import { formatCount, renderWithinBudget } from './summary-tables.js'
import type { Plan } from './types.js'

/** Where the report's pieces live, for the links in the summary. */
export interface ReportLinks {
  runUrl: string | null
  issueUrl: string | null
  artifactName: string | null
  dryRun: boolean
}

/** What each bucket means, shown beside its count. */
const BUCKET_MEANINGS: Array<[keyof Plan['counts'], string]> = [
  ['candidate', 'enabled, no login for inactive-days or more: up for review'],
  ['approaching', 'enabled, becomes a candidate within warn-days'],
  ['never-logged-in', 'enabled, no login on record'],
  ['excluded', 'matched an exclusion rule; never touched'],
  ['disabled', 'already disabled in Reltio'],
  ['active', 'logged in within inactive-days'],
  ['unknown', 'last login unreadable or in the future; never acted on'],
  ['total', 'all users of the customer'],
  ['enabled', 'all users not disabled']
]

/**
 * Renders the report as GitHub-flavoured Markdown for the job summary and
 * `summary.md`. All record text is escaped, and the result always stays
 * under 1,000,000 bytes: long tables are cut and say so.
 */
export function renderReportSummary(plan: Plan, links: ReportLinks): string {
  return renderWithinBudget({
    head: [
      renderTitle(plan, links),
      renderCounts(plan),
      renderPasswordPolicy(plan)
    ].join(''),
    sections: buildSummaryTables(plan),
    tail: renderHowToApprove(plan, links)
  })
}

function renderTitle(plan: Plan, links: ReportLinks): string {
  const customer =
    plan.customerId === '' ? '(customer not set)' : plan.customerId
  const lines = [
    `# Reltio inactive users: ${escapeCell(customer)}\n\n`,
    `Plan id: \`${plan.planId}\` · generated ${escapeCell(plan.generatedAt)} · ` +
      `inactive-days ${plan.settings.inactiveDays} · warn-days ${plan.settings.warnDays} · ` +
      `second opinions: ${describeChecks(plan.settings)}\n\n`
  ]
  const where = renderLinks(links)
  if (where !== '') lines.push(`${where}\n\n`)
  if (links.dryRun) {
    lines.push(
      '> **Dry run:** every read and decision was made; nothing was written to Reltio or GitHub.\n\n'
    )
  }
  return lines.join('')
}

function renderLinks(links: ReportLinks): string {
  const parts: string[] = []
  const runUrl = escapeUrl(links.runUrl)
  const issueUrl = escapeUrl(links.issueUrl)
  if (runUrl !== null) parts.push(`[Report run](${runUrl})`)
  if (issueUrl !== null) parts.push(`[Review issue](${issueUrl})`)
  if (links.artifactName !== null) {
    parts.push(
      `Artifact ${escapeCell(links.artifactName)} (plan.json, plan.csv, summary.md)`
    )
  }
  return parts.join(' · ')
}

function renderCounts(plan: Plan): string {
  const rows = BUCKET_MEANINGS.map(
    ([bucket, meaning]) =>
      `| ${bucket} | ${formatCount(plan.counts[bucket])} | ${meaning} |\n`
  )
  return `## Counts\n\n| bucket | users | meaning |\n| --- | ---: | --- |\n${rows.join('')}\n`
}

function renderPasswordPolicy(plan: Plan): string {
  const policy = plan.passwordPolicy
  const heading = "## Reltio's password policy\n\n"
  if (policy.mode === 'off') {
    return `${heading}Not read (\`password-policy: off\`).\n\n`
  }
  if (policy.unavailable !== null) {
    return `${heading}Could not be read: ${escapeCell(policy.unavailable)}\n\n`
  }
  return [
    heading,
    `Reltio's \`inactivePeriodInDays\`: **${describeDays(policy.inactivePeriodInDays)}**; ` +
      `this action's \`inactive-days\`: **${plan.settings.inactiveDays} days**.\n\n`,
    renderEnforce(plan),
    renderPastPolicy(plan)
  ].join('')
}

function renderEnforce(plan: Plan): string {
  const { mode, inactivePeriodInDays, proposedInactivePeriodInDays } =
    plan.passwordPolicy
  if (mode !== 'enforce' || proposedInactivePeriodInDays === null) return ''
  if (proposedInactivePeriodInDays === inactivePeriodInDays) {
    return `With \`password-policy: enforce\`, an approval run leaves it at ${inactivePeriodInDays} days: it already matches.\n\n`
  }
  return (
    `With \`password-policy: enforce\`, an approval run would set \`inactivePeriodInDays\` ` +
    `to **${proposedInactivePeriodInDays} days** (now ${describeDays(inactivePeriodInDays)}).\n\n`
  )
}

function renderPastPolicy(plan: Plan): string {
  if (plan.passwordPolicy.inactivePeriodInDays === null) return ''
  const past = plan.candidates.filter((c) => c.pastReltioPolicy).length
  if (past === 0) return "No candidate is past Reltio's own policy yet.\n\n"
  return (
    `${formatCount(past)} of ${formatCount(plan.candidates.length)} candidates are past ` +
    "Reltio's own policy: Reltio treats them as expired but disables them only at their " +
    'next login attempt, so they still read as enabled. They are flagged _past policy_ below.\n\n'
  )
}

function renderHowToApprove(plan: Plan, links: ReportLinks): string {
  const heading = '## How to approve\n\n'
  if (plan.candidates.length === 0) {
    return `${heading}Nothing to approve: no user is a candidate.\n`
  }
  const issueUrl = escapeUrl(links.issueUrl)
  const issue =
    issueUrl === null ? 'the review issue' : `[the review issue](${issueUrl})`
  const lines = [
    heading,
    `Reviewers untick in ${issue} every user to keep. An approver then runs this workflow by hand ` +
      `with \`approve: true\` and \`plan-id: ${plan.planId}\`; only the users still ticked are ` +
      'deactivated, and nobody is deleted. The review issue holds the full instructions.\n'
  ]
  if (links.dryRun) {
    lines.push(
      '\nThis was a dry run, so no review issue was opened or updated.\n'
    )
  }
  return lines.join('')
}

function describeDays(days: number | null): string {
  return days === null ? 'not set' : `${days} days`
}
