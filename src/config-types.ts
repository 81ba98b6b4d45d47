import type { AllowlistEntry, BucketRules } from './inactivity/types.js'

export type PasswordPolicyMode = 'off' | 'report' | 'enforce'

/** What `reactivate` asked for: an earlier approval run, or usernames. */
export type ReactivateRequest =
  { kind: 'run'; runId: number } | { kind: 'usernames'; usernames: string[] }

/** The validated inputs of one run; built once by `readConfig()`. */
export interface Config extends BucketRules {
  clientId: string
  clientSecret: string
  username: string | null
  password: string | null
  authUrl: string
  customerId: string | null
  tenantUrl: string | null
  allowlistFile: string
  /** Entries read from `allowlistFile` (empty when the file is absent). */
  allowlist: AllowlistEntry[]
  activityCheck: boolean
  auditCheck: boolean
  passwordPolicy: PasswordPolicyMode
  approve: boolean
  planId: string | null
  approvers: string[]
  reactivate: ReactivateRequest | null
  dryRun: boolean
  maxDeactivations: number
  maxDeactivationPercent: number
  issue: boolean
  issueLabels: string[]
  githubToken: string
  artifactName: string
  artifactRetentionDays: number
  reportDir: string
  concurrency: number
  /** The run's clock: the `now` input, or the real time. */
  now: Date
}
