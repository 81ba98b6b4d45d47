import type {
  AllowlistEntry,
  Bucket,
  BucketRules,
  ClassifiedUser,
  Evidence
} from '../inactivity/types.js'
import type { PasswordPolicyMode } from '../config-types.js'

/** The settings recorded in a plan; the ones that decide enter the plan id. */
export interface PlanSettings extends BucketRules {
  /** Allowlist entries that applied on the report's day. */
  allowlist: AllowlistEntry[]
  activityCheck: boolean
  auditCheck: boolean
  passwordPolicy: PasswordPolicyMode
}

/** One user the plan proposes to deactivate. */
export interface PlanCandidate {
  username: string
  email: string | null
  lastLoginDate: string | null
  daysInactive: number | null
  reason: string
  pastReltioPolicy: boolean
  evidence: Evidence
}

export interface PlanPasswordPolicy {
  /** The customer's `inactivePeriodInDays`; null when unset or unread. */
  inactivePeriodInDays: number | null
  mode: PasswordPolicyMode
  /** Why the policy could not be read, e.g. no `customer-id`. */
  unavailable: string | null
  /** With `enforce`: the value an approval run would set, else null. */
  proposedInactivePeriodInDays: number | null
}

/** `plan.json`: the report of one run and the source of truth to approve. */
export interface Plan {
  schemaVersion: 1
  planId: string
  customerId: string
  generatedAt: string
  /** The report run's id and repository, when run by GitHub. */
  runId: string | null
  repository: string | null
  settings: PlanSettings
  counts: Record<Bucket, number> & { total: number; enabled: number }
  passwordPolicy: PlanPasswordPolicy
  candidates: PlanCandidate[]
  approaching: Array<{
    username: string
    email: string | null
    daysLeft: number
    lastLoginDate: string | null
  }>
  /** Every user with bucket and reason, sorted by username. */
  users: ClassifiedUser[]
  expiredAllowlist: AllowlistEntry[]
  /** Disabled users last seen longer ago than `inactive-days`. */
  deletionCandidates: string[]
}
