/** The tables of the report summary, one per list a reviewer reads. */
import type { AllowlistEntry, ClassifiedUser } from '../inactivity/types.js'
import { escapeCell } from './escape.js'
import { describeEvidence, isSparedByLog } from './second-opinions.js'
import { formatCount, type TableSection } from './summary-tables.js'
import type { Plan, PlanCandidate } from './types.js'

type ApproachingUser = Plan['approaching'][number]

/** The summary's tables in reading order, candidates first. */
export function buildSummaryTables(plan: Plan): Array<TableSection<unknown>> {
  return [
    candidateTable(plan),
    sparedTable(plan),
    approachingTable(plan),
    excludedTable(plan),
    unknownTable(plan),
    neverLoggedInTable(plan),
    expiredAllowlistTable(plan),
    deletionTable(plan)
  ]
}

function candidateTable(plan: Plan): TableSection<PlanCandidate> {
  return {
    title: 'Candidates',
    noun: 'candidates',
    intro: describeCandidates(plan),
    columns: [
      'username',
      'email',
      'last login',
      'days inactive',
      'reason',
      'flags'
    ],
    items: plan.candidates,
    cells: (candidate) => [
      escapeCell(candidate.username),
      escapeCell(candidate.email),
      formatDate(candidate.lastLoginDate),
      formatDays(candidate.daysInactive),
      escapeCell(candidate.reason),
      candidate.pastReltioPolicy ? 'past policy' : ''
    ]
  }
}

function describeCandidates(plan: Plan): string {
  const { inactiveDays, neverLoggedInDays } = plan.settings
  const never =
    neverLoggedInDays === null
      ? ''
      : `, or none ever on an account at least ${neverLoggedInDays} days old`
  return `Enabled users with no login for ${inactiveDays} days or more${never}.`
}

/**
 * Users whose last login made them candidates, moved to active because the
 * activity log or the security audit log shows recent use.
 */
function sparedTable(plan: Plan): TableSection<ClassifiedUser> {
  return {
    title: 'Spared by a second opinion',
    noun: 'users',
    intro: describeSpared(plan),
    columns: ['username', 'email', 'last login', 'evidence', 'used on'],
    items: plan.users.filter(isSparedByLog),
    cells: (user) => [
      escapeCell(user.username),
      escapeCell(user.email),
      formatDate(user.lastLoginDate),
      describeEvidence(user.evidence),
      formatDate(user.evidenceAt ?? null)
    ]
  }
}

function describeSpared(plan: Plan): string {
  const { activityCheck, auditCheck, inactiveDays } = plan.settings
  if (!activityCheck && !auditCheck) {
    return 'No log was asked: `activity-check` and `audit-check` are off.'
  }
  const logs = [
    activityCheck ? 'activity log' : null,
    auditCheck ? 'security audit log' : null
  ].filter((log) => log !== null)
  return (
    `No login for ${inactiveDays} days or more, yet the ${logs.join(' or the ')} ` +
    'shows use within them: counted as active, not proposed.'
  )
}

function approachingTable(plan: Plan): TableSection<ApproachingUser> {
  return {
    title: 'Approaching',
    noun: 'users',
    intro: `Enabled users who become candidates within ${plan.settings.warnDays} days, soonest first.`,
    columns: ['username', 'email', 'last login', 'days left'],
    items: plan.approaching,
    cells: (user) => [
      escapeCell(user.username),
      escapeCell(user.email),
      formatDate(user.lastLoginDate),
      formatDays(user.daysLeft)
    ]
  }
}

function neverLoggedInTable(plan: Plan): TableSection<ClassifiedUser> {
  return userTable(
    plan,
    'never-logged-in',
    'Never logged in',
    ['username', 'email', 'reason'],
    (user) => [
      escapeCell(user.username),
      escapeCell(user.email),
      escapeCell(user.reason)
    ]
  )
}

function userTable(
  plan: Plan,
  bucket: ClassifiedUser['bucket'],
  title: string,
  columns: string[],
  cells: (user: ClassifiedUser) => string[]
): TableSection<ClassifiedUser> {
  return {
    title,
    noun: 'users',
    intro: null,
    columns,
    items: plan.users.filter((user) => user.bucket === bucket),
    cells
  }
}

function expiredAllowlistTable(plan: Plan): TableSection<AllowlistEntry> {
  return {
    title: 'Expired allowlist entries',
    noun: 'entries',
    intro:
      'These entries no longer spare anyone: renew or remove them in the allowlist file.',
    columns: ['match', 'reason', 'owner', 'expired'],
    items: plan.expiredAllowlist,
    cells: (entry) => [
      escapeCell(entry.match),
      escapeCell(entry.reason),
      escapeCell(entry.owner),
      escapeCell(entry.expires)
    ]
  }
}

function deletionTable(plan: Plan): TableSection<ClassifiedUser> {
  return {
    title: 'Deletion candidates',
    noun: 'users',
    intro:
      `Disabled users last seen more than ${plan.settings.inactiveDays} days ago. ` +
      'This action never deletes anyone: delete them by hand in the Reltio Console if they are no longer needed.',
    columns: ['username', 'email', 'last login'],
    items: plan.users.filter((user) => user.deletionCandidate),
    cells: (user) => [
      escapeCell(user.username),
      escapeCell(user.email),
      formatDate(user.lastLoginDate)
    ]
  }
}

function excludedTable(plan: Plan): TableSection<ClassifiedUser> {
  return userTable(
    plan,
    'excluded',
    'Excluded',
    ['username', 'rule'],
    (user) => [escapeCell(user.username), escapeCell(user.rule)]
  )
}

function unknownTable(plan: Plan): TableSection<ClassifiedUser> {
  return userTable(
    plan,
    'unknown',
    'Unknown',
    ['username', 'reason'],
    (user) => [escapeCell(user.username), escapeCell(user.reason)]
  )
}

function formatDays(days: number | null): string {
  return days === null ? '—' : formatCount(days)
}

/** Shows the date of an ISO time; anything else is shown escaped as is. */
function formatDate(value: string | null): string {
  const date = value === null ? null : /^\d{4}-\d{2}-\d{2}(?=T|$)/.exec(value)
  return date === null ? escapeCell(value) : date[0]
}
