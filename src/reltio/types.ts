import type { Activity, PasswordPolicy, ReltioUser } from './schemas.js'

/**
 * A user exactly as Reltio returned it: every field kept, known or not,
 * because a PUT must send the whole object back.
 */
export type RawReltioUser = ReltioUser & Record<string, unknown>

/** Counters a run reports and the benchmarks read. */
export interface ReltioStats {
  requests: number
  retries: number
  throttled: number
  tokenRefreshes: number
}

/** The calls the action makes to Reltio; `ReltioClient` implements them. */
export interface ReltioApi {
  /** Who the action runs as: the password-grant username or the client id. */
  readonly identity: string
  listUsers(): Promise<RawReltioUser[]>
  /** The user by username or email; null when Reltio answers 404. */
  getUser(username: string): Promise<RawReltioUser | null>
  /** Replaces the whole user; returns Reltio's answer. */
  putUser(username: string, user: RawReltioUser): Promise<RawReltioUser>
  getPasswordPolicy(
    customerId: string
  ): Promise<PasswordPolicy & Record<string, unknown>>
  putPasswordPolicy(
    customerId: string,
    policy: PasswordPolicy & Record<string, unknown>
  ): Promise<PasswordPolicy & Record<string, unknown>>
  /** Activity-log entries of one user at or after `sinceMs` (epoch ms). */
  searchActivities(query: {
    username: string
    sinceMs: number
    max: number
  }): Promise<Activity[]>
  /** Security-audit login events of these users in [startMs, endMs]. */
  exportLoginEvents(query: {
    customerId: string | null
    usernames: string[]
    startMs: number
    endMs: number
  }): Promise<Array<{ username: string; timestamp: number; event: string }>>
  stats(): ReltioStats
}
