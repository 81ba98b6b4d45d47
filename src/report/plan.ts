import { createHash } from 'node:crypto'
import type {
  AllowlistEntry,
  Bucket,
  ClassifiedUser
} from '../inactivity/types.js'
import { BUCKETS } from '../inactivity/types.js'
import { PlanSchema } from './plan-schema.js'
import { compareText } from '../text-order.js'
import type {
  Plan,
  PlanCandidate,
  PlanPasswordPolicy,
  PlanSettings
} from './types.js'

/** Everything a plan is built from; `now` is the run's fixed clock. */
export interface BuildPlanInput {
  customerId: string
  now: Date
  runId: string | null
  repository: string | null
  /** With `allowlist` holding only the entries active on the report's day. */
  settings: PlanSettings
  users: ClassifiedUser[]
  expiredAllowlist: AllowlistEntry[]
  passwordPolicy: PlanPasswordPolicy
}

/**
 * The users in username order. Classification already returns them so;
 * checking costs one pass, where sorting 100,000 users again costs many.
 */
function sortedByUsername(users: ClassifiedUser[]): ClassifiedUser[] {
  const byName = (a: ClassifiedUser, b: ClassifiedUser): number =>
    compareText(a.username, b.username)
  for (let i = 1; i < users.length; i++) {
    if (byName(users[i - 1] as ClassifiedUser, users[i] as ClassifiedUser) > 0)
      return [...users].sort(byName)
  }
  return [...users]
}

/** Length of a plan id in hex digits: 64 bits, short enough to type. */
const PLAN_ID_LENGTH = 16

/** Builds the plan of one report run from its classified users. */
export function buildPlan(input: BuildPlanInput): Plan {
  const users = sortedByUsername(input.users)
  const candidates = users
    .filter((user) => user.bucket === 'candidate')
    .map(toCandidate)

  return {
    schemaVersion: 1,
    planId: computePlanId(
      input.customerId,
      input.settings,
      candidates.map((candidate) => candidate.username)
    ),
    customerId: input.customerId,
    generatedAt: input.now.toISOString(),
    runId: input.runId,
    repository: input.repository,
    settings: input.settings,
    counts: countBuckets(users),
    passwordPolicy: input.passwordPolicy,
    candidates,
    approaching: listApproaching(users),
    users,
    expiredAllowlist: input.expiredAllowlist,
    deletionCandidates: users
      .filter((user) => user.deletionCandidate)
      .map((user) => user.username)
  }
}

/**
 * Digests the customer, the settings that decide who is a candidate, and
 * the candidates, into the 16 hex digit id that an approval must quote.
 *
 * The same users and settings give the same id on every run, so the daily
 * report keeps one review issue open while nothing changes; any change that
 * could put a different user up for deactivation gives a new id, so an
 * approval can never carry over to a decision its reviewers did not see.
 */
export function computePlanId(
  customerId: string,
  settings: PlanSettings,
  candidates: string[]
): string {
  const material = canonicalJson(
    planIdMaterial(customerId, settings, candidates)
  )
  return createHash('sha256')
    .update(material, 'utf8')
    .digest('hex')
    .slice(0, PLAN_ID_LENGTH)
}

/**
 * Validates `plan.json` and checks that its id still matches its content.
 *
 * @throws Error when the file is malformed, or was edited after the report
 *   run so that its id, candidates or users no longer agree.
 */
export function parsePlan(json: unknown): Plan {
  const parsed = PlanSchema.safeParse(json)
  if (!parsed.success) {
    throw new Error(
      `plan.json is not a valid plan: ${describeIssues(parsed.error.issues)}`
    )
  }
  const plan = parsed.data
  assertIdMatchesContent(plan)
  assertCandidatesMatchUsers(plan)
  return plan
}

function describeIssues(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>
): string {
  return issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

// In: each input below can move a user into or out of `candidate`.
// Out: warnDays (it only splits `approaching` from `active`), the time and
// generatedAt (the same decision tomorrow keeps its id; a user who crosses
// the threshold changes the candidate list instead), the allowlist's
// reason, owner and expiry (only `match` decides; an entry that expires
// drops out of the active list and so changes the id), the password-policy
// mode and the customer's inactivePeriodInDays (they govern a policy write
// and the past-policy flag, not who is a candidate), and runId/repository
// (a re-run of the same decision should keep the same review issue). The
// action's own identities are excluded by classification; their effect
// shows in the candidate list, which is in.
// Lists are sorted and deduplicated because their order never decides.
function planIdMaterial(
  customerId: string,
  settings: PlanSettings,
  candidates: string[]
): Record<string, unknown> {
  return {
    // Bumped if this recipe ever changes, so an id from the old recipe can
    // never match a plan computed by the new one.
    recipe: 1,
    customerId,
    inactiveDays: settings.inactiveDays,
    neverLoggedInDays: settings.neverLoggedInDays,
    exclude: sortedUnique(settings.exclude),
    excludeRoles: sortedUnique(settings.excludeRoles),
    excludeGroups: sortedUnique(settings.excludeGroups),
    allowlist: sortedUnique(settings.allowlist.map((entry) => entry.match)),
    activityCheck: settings.activityCheck,
    auditCheck: settings.auditCheck,
    // Sorted but not deduplicated: the list is the plan's exact content.
    candidates: [...candidates].sort(compareText)
  }
}

/** JSON with object keys sorted at every level, so equal data hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const members = Object.keys(record)
      .sort(compareText)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    return `{${members.join(',')}}`
  }
  return JSON.stringify(value)
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort(compareText)
}

function toCandidate(user: ClassifiedUser): PlanCandidate {
  return {
    username: user.username,
    email: user.email,
    lastLoginDate: user.lastLoginDate,
    daysInactive: user.daysInactive,
    reason: user.reason,
    pastReltioPolicy: user.pastReltioPolicy,
    evidence: user.evidence
  }
}

function countBuckets(users: ClassifiedUser[]): Plan['counts'] {
  const perBucket = new Map<Bucket, number>(
    BUCKETS.map((bucket) => [bucket, 0])
  )
  for (const user of users) {
    perBucket.set(user.bucket, (perBucket.get(user.bucket) ?? 0) + 1)
  }
  const counts = Object.fromEntries(perBucket) as Record<Bucket, number>
  return {
    ...counts,
    total: users.length,
    enabled: users.length - counts.disabled
  }
}

function listApproaching(users: ClassifiedUser[]): Plan['approaching'] {
  return users
    .filter((user) => user.bucket === 'approaching')
    .map((user) => ({
      username: user.username,
      email: user.email,
      // Classification always sets daysLeft here; 0 would sort a user
      // without it first rather than hide them at the end.
      daysLeft: user.daysLeft ?? 0,
      lastLoginDate: user.lastLoginDate
    }))
    .sort(
      (a, b) => a.daysLeft - b.daysLeft || compareText(a.username, b.username)
    )
}

function assertIdMatchesContent(plan: Plan): void {
  const expected = computePlanId(
    plan.customerId,
    plan.settings,
    plan.candidates.map((candidate) => candidate.username)
  )
  if (expected === plan.planId) return
  throw new Error(
    `The plan file's id ${plan.planId} does not match its content (the content gives ${expected}): ` +
      'plan.json was changed after the report run. Run a new report and approve the plan id it shows.'
  )
}

// The candidate list is what the id covers; the users' buckets must agree
// with it, or an edited `users` list could pass for an approved candidate.
function assertCandidatesMatchUsers(plan: Plan): void {
  const stray = findCandidateMismatch(plan)
  if (stray === null) return
  throw new Error(
    `plan.json does not agree with itself: user '${stray}' is a candidate in one list but not in the other, ` +
      'so the file was changed after the report run. Run a new report and approve the plan id it shows.'
  )
}

function findCandidateMismatch(plan: Plan): string | null {
  const listed = new Set(plan.candidates.map((candidate) => candidate.username))
  const bucketed = new Set(
    plan.users
      .filter((user) => user.bucket === 'candidate')
      .map((user) => user.username)
  )
  for (const name of listed) if (!bucketed.has(name)) return name
  for (const name of bucketed) if (!listed.has(name)) return name
  return null
}
