/**
 * Classification: every user into exactly one bucket with a reason a
 * reviewer can read. Pure: the clock and every setting come in as arguments.
 */
import type { Config } from '../config-types.js'
import type { ReltioUser } from '../reltio/schemas.js'
import { compareText } from '../text-order.js'
import { splitAllowlist } from './allowlist.js'
import {
  DAY_MS,
  isoDay,
  parseReltioDate,
  wholeDaysBetween,
  type ReltioDate
} from './dates.js'
import { compileExclusions, type ExclusionMatcher } from './exclusions.js'
import type {
  AllowlistEntry,
  ClassifiedUser,
  InactivitySettings
} from './types.js'

/**
 * Dates that show how old an account is when it never logged in. Reltio
 * documents no creation date; `createdDate` is read when a response has one.
 */
const ACCOUNT_AGE_FIELDS = ['passwordChangedDate', 'createdDate'] as const

interface Classifier {
  now: Date
  settings: InactivitySettings
  excludedBy: ExclusionMatcher
}

/**
 * Classifies every user, sorted by username, and returns the allowlist
 * entries that have expired (they no longer apply and are reported).
 */
export function classifyUsers(
  users: readonly ReltioUser[],
  now: Date,
  settings: InactivitySettings
): { users: ClassifiedUser[]; expiredAllowlist: AllowlistEntry[] } {
  const { active, expired } = splitAllowlist(settings.allowlist, now)
  const classifier = createClassifier(now, { ...settings, allowlist: active })
  const classified = users.map((user) => classifyWith(classifier, user))
  return { users: classified.sort(byUsername), expiredAllowlist: expired }
}

/** Classifies one user, e.g. to re-check an approved user before a write. */
export function classifyUser(
  user: ReltioUser,
  now: Date,
  settings: InactivitySettings
): ClassifiedUser {
  const { active } = splitAllowlist(settings.allowlist, now)
  const classifier = createClassifier(now, { ...settings, allowlist: active })
  return classifyWith(classifier, user)
}

/**
 * The classification settings of a run. The username and client id of the
 * config are always added to `selfIdentities`: the action never proposes
 * the identity it runs as.
 */
export function settingsFromConfig(
  config: Config,
  selfIdentities: readonly string[],
  policyInactiveDays: number | null
): InactivitySettings {
  const selves = [...selfIdentities, config.username ?? '', config.clientId]
  return {
    inactiveDays: config.inactiveDays,
    warnDays: config.warnDays,
    neverLoggedInDays: config.neverLoggedInDays,
    exclude: [...config.exclude],
    excludeRoles: [...config.excludeRoles],
    excludeGroups: [...config.excludeGroups],
    allowlist: [...config.allowlist],
    selfIdentities: [...new Set(selves.filter((name) => name !== ''))],
    policyInactiveDays
  }
}

/**
 * Moves a candidate to `active` because the activity or audit log shows use
 * at `evidence.at`; any other bucket is returned unchanged.
 */
export function spareWithEvidence(
  user: ClassifiedUser,
  evidence: { source: 'activity-log' | 'audit-log'; at: Date },
  now: Date
): ClassifiedUser {
  if (user.bucket !== 'candidate') return user
  const log =
    evidence.source === 'activity-log' ? 'activity log' : 'security audit log'
  const ago = Math.max(0, wholeDaysBetween(evidence.at, now))
  return {
    ...user,
    bucket: 'active',
    reason: `the ${log} shows use ${days(ago)} ago (${evidence.at.toISOString()}), though ${user.reason}`,
    daysLeft: null,
    pastReltioPolicy: false,
    evidence: evidence.source,
    evidenceAt: evidence.at.toISOString()
  }
}

function createClassifier(now: Date, settings: InactivitySettings): Classifier {
  return { now, settings, excludedBy: compileExclusions(settings) }
}

/**
 * What decides a user's bucket. Fields left out take their usual value:
 * no rule, no days left, not past the policy, no deletion, no evidence.
 */
type Verdict = Pick<ClassifiedUser, 'bucket' | 'reason'> &
  Partial<
    Pick<
      ClassifiedUser,
      | 'rule'
      | 'daysLeft'
      | 'pastReltioPolicy'
      | 'deletionCandidate'
      | 'evidence'
    >
  >

/** What the verdicts read about a user's last login. */
interface LoginFacts {
  login: ReltioDate
  daysInactive: number | null
}

function classifyWith(
  classifier: Classifier,
  user: ReltioUser
): ClassifiedUser {
  const login = parseReltioDate(user.lastLoginDate, classifier.now)
  const lastLogin = login.kind === 'date' ? login.date : null
  const daysInactive = lastLogin
    ? wholeDaysBetween(lastLogin, classifier.now)
    : null
  const verdict = decide(classifier, user, { login, daysInactive })
  // One object of one shape per user, built once: a report holds every
  // user of the customer, so copies and shape changes show in its time.
  return {
    username: user.username,
    email: user.email ?? null,
    bucket: verdict.bucket,
    reason: verdict.reason,
    rule: verdict.rule ?? null,
    lastLoginDate: lastLogin?.toISOString() ?? null,
    daysInactive,
    daysLeft: verdict.daysLeft ?? null,
    pastReltioPolicy: verdict.pastReltioPolicy ?? false,
    deletionCandidate: verdict.deletionCandidate ?? false,
    evidence: verdict.evidence ?? 'none'
  }
}

function decide(
  classifier: Classifier,
  user: ReltioUser,
  facts: LoginFacts
): Verdict {
  const { login } = facts
  if (user.enabled === false) return classifyDisabled(facts, classifier)
  const rule = classifier.excludedBy(user)
  if (rule !== null) {
    return { bucket: 'excluded', rule, reason: `excluded by ${rule}` }
  }
  if (login.kind === 'unknown') {
    return { bucket: 'unknown', reason: `last login unusable: ${login.why}` }
  }
  return login.kind === 'none'
    ? classifyNeverLoggedIn(user, classifier)
    : classifyByLastLogin(login.date, facts.daysInactive ?? 0, classifier)
}

function classifyDisabled(
  { login, daysInactive }: LoginFacts,
  { now, settings }: Classifier
): Verdict {
  const seenLongAgo =
    login.kind === 'date' && isPastDays(login.date, now, settings.inactiveDays)
  const reason = seenLongAgo
    ? `disabled in Reltio; no login for ${days(daysInactive ?? 0)}, so it may be deleted by hand in the Reltio Console`
    : 'disabled in Reltio'
  return { bucket: 'disabled', reason, deletionCandidate: seenLongAgo }
}

function classifyNeverLoggedIn(
  user: ReltioUser,
  { now, settings }: Classifier
): Verdict {
  const limit = settings.neverLoggedInDays
  const bucket = 'never-logged-in'
  if (limit === null) {
    return {
      bucket,
      reason: 'never logged in; never-logged-in-days is not set'
    }
  }
  const since = oldestDateOnRecord(user, now)
  if (since === null) {
    return {
      bucket,
      reason: "never logged in; no date on record shows the account's age"
    }
  }
  const age = wholeDaysBetween(since.date, now)
  const record = `${since.field} ${isoDay(since.date)}`
  if (!isPastDays(since.date, now, limit)) {
    return {
      bucket,
      reason: `never logged in; account ${days(age)} old (${record}), under never-logged-in-days ${limit}`
    }
  }
  return {
    bucket: 'candidate',
    reason: `never logged in; account at least ${days(age)} old (${record}; never-logged-in-days ${limit})`,
    pastReltioPolicy: isPastPolicy(since.date, now, settings)
  }
}

function classifyByLastLogin(
  lastLogin: Date,
  daysInactive: number,
  { now, settings }: Classifier
): Verdict {
  const idle = days(daysInactive)
  const threshold = `threshold ${settings.inactiveDays}`
  const evidence = 'lastLoginDate'
  if (isPastDays(lastLogin, now, settings.inactiveDays)) {
    const pastReltioPolicy = isPastPolicy(lastLogin, now, settings)
    const policy = pastReltioPolicy
      ? `; past the customer's inactivePeriodInDays ${settings.policyInactiveDays}`
      : ''
    return {
      bucket: 'candidate',
      evidence,
      pastReltioPolicy,
      reason: `no login for ${idle} (${threshold})${policy}`
    }
  }
  const remainingMs =
    settings.inactiveDays * DAY_MS - (now.getTime() - lastLogin.getTime())
  if (remainingMs <= settings.warnDays * DAY_MS) {
    const daysLeft = Math.ceil(remainingMs / DAY_MS)
    return {
      bucket: 'approaching',
      evidence,
      daysLeft,
      reason: `no login for ${idle}; a candidate in ${days(daysLeft)} (${threshold})`
    }
  }
  return {
    bucket: 'active',
    evidence,
    reason: `last login ${idle} ago (${threshold})`
  }
}

/** Whether `date` lies `count` whole 24-hour days or more before `now`. */
function isPastDays(date: Date, now: Date, count: number): boolean {
  return now.getTime() - date.getTime() >= count * DAY_MS
}

function isPastPolicy(
  date: Date,
  now: Date,
  settings: InactivitySettings
): boolean {
  const policyDays = settings.policyInactiveDays
  return policyDays !== null && isPastDays(date, now, policyDays)
}

function oldestDateOnRecord(
  user: ReltioUser,
  now: Date
): { field: string; date: Date } | null {
  let oldest: { field: string; date: Date } | null = null
  for (const field of ACCOUNT_AGE_FIELDS) {
    const parsed = parseReltioDate(user[field], now)
    if (parsed.kind !== 'date') continue
    if (oldest === null || parsed.date < oldest.date) {
      oldest = { field, date: parsed.date }
    }
  }
  return oldest
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`
}

function byUsername(a: ClassifiedUser, b: ClassifiedUser): number {
  // Code-unit order, not locale order: the same users sort the same on
  // every runner, which keeps reports and plan ids stable.
  return (
    compareText(a.username, b.username) ||
    compareText(a.email ?? '', b.email ?? '')
  )
}
