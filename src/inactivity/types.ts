/** The buckets of the report; every user lands in exactly one. */
export const BUCKETS = [
  'candidate',
  'approaching',
  'never-logged-in',
  'excluded',
  'disabled',
  'active',
  'unknown'
] as const
export type Bucket = (typeof BUCKETS)[number]

/** One entry of the allowlist file (`allow:` list). */
export interface AllowlistEntry {
  match: string
  reason: string
  owner: string
  /** ISO date (YYYY-MM-DD); after it the entry stops applying. */
  expires: string | null
}

/**
 * The inputs that decide a user's bucket: read into the config, applied by
 * classification and recorded in the plan.
 */
export interface BucketRules {
  inactiveDays: number
  warnDays: number
  neverLoggedInDays: number | null
  exclude: string[]
  excludeRoles: string[]
  excludeGroups: string[]
  allowlist: AllowlistEntry[]
}

/** The settings that decide which bucket a user lands in. */
export interface InactivitySettings extends BucketRules {
  /** Usernames, emails or client ids the action itself runs as. */
  selfIdentities: string[]
  /** The customer's password policy `inactivePeriodInDays`, when known. */
  policyInactiveDays: number | null
}

/** Which evidence decided a user's bucket. */
export type Evidence = 'lastLoginDate' | 'activity-log' | 'audit-log' | 'none'

/** A user after classification, as the report, issue and files show it. */
export interface ClassifiedUser {
  username: string
  email: string | null
  bucket: Bucket
  /** A sentence a reviewer can read, e.g. "no login for 120 days". */
  reason: string
  /** For `excluded`: the rule that matched, e.g. "role ROLE_API". */
  rule: string | null
  /** ISO time of the last login, or null when none is on record. */
  lastLoginDate: string | null
  /** Whole days since the last login (floor), or null. */
  daysInactive: number | null
  /** For `approaching`: whole days until the user becomes a candidate. */
  daysLeft: number | null
  /** A candidate also past the customer's own `inactivePeriodInDays`. */
  pastReltioPolicy: boolean
  /** Disabled, and last seen more than `inactive-days` ago: delete by hand. */
  deletionCandidate: boolean
  evidence: Evidence
  /** For a user spared by the activity or audit log: ISO time of that use. */
  evidenceAt?: string
}
