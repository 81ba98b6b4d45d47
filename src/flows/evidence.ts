/**
 * Second opinions on candidates: `lastLoginDate` misses API users who work
 * without a UI login, so the activity log and the security audit log can
 * spare a candidate before anyone is asked to approve it.
 */
import { mapLimited } from '../concurrency.js'
import type { Activity, AuditLoginEvent } from '../reltio/schemas.js'
import type { ReltioApi } from '../reltio/types.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** Usernames per audit export; the export is synchronous and rate limited. */
export const AUDIT_CHUNK_SIZE = 100

/**
 * Records one answer holds at most. Reltio documents this cap for the
 * activity search; it documents none for the audit export, so an export
 * that long is taken as possibly cut short and asked again in parts.
 */
export const RECORD_CAP = 10_000

/** Audit events that show use; `LOGIN_FAILED` and the like do not. */
const LOGIN_EVENTS: ReadonlySet<string> = new Set(['LOGIN', 'LOGIN_SSO'])

export type EvidenceSource = 'activity-log' | 'audit-log'

/** The sign of use found for a user, and where. */
export interface SignOfLife {
  source: EvidenceSource
  at: Date
}

/** Which checks run, over which window, how hard. */
export interface EvidenceOptions {
  activityCheck: boolean
  auditCheck: boolean
  customerId: string | null
  now: Date
  /** Use at or after `now` minus this many days counts. */
  inactiveDays: number
  /** Activity searches in flight at most. */
  concurrency: number
}

/** The window a sign of use must fall in, epoch ms. */
export interface EvidenceWindow {
  sinceMs: number
  untilMs: number
}

/**
 * Looks for recent use of each username in the audit log, then in the
 * activity log for those the audit log did not settle. The map is keyed by
 * the usernames given; a user missing from it showed no use.
 */
export async function gatherEvidence(
  api: ReltioApi,
  usernames: readonly string[],
  options: EvidenceOptions
): Promise<Map<string, SignOfLife>> {
  const window = windowOf(options)
  const found = new Map<string, SignOfLife>()
  if (options.auditCheck) {
    const logins = await findAuditLogins(api, usernames, {
      customerId: options.customerId,
      window
    })
    for (const [name, sign] of logins) found.set(name, sign)
  }
  if (options.activityCheck) {
    const unsettled = usernames.filter((name) => !found.has(name))
    await mapLimited(unsettled, options.concurrency, async (name) => {
      const sign = await findActivity(api, name, window)
      if (sign) found.set(name, sign)
    })
  }
  return found
}

/** The window of `options`: the last `inactiveDays` days up to `now`. */
export function windowOf(options: {
  now: Date
  inactiveDays: number
}): EvidenceWindow {
  const untilMs = options.now.getTime()
  return { sinceMs: untilMs - options.inactiveDays * DAY_MS, untilMs }
}

/**
 * The newest LOGIN or LOGIN_SSO event of each user in the window, one
 * synchronous export at a time: Reltio answers 429 to parallel ones.
 */
export async function findAuditLogins(
  api: ReltioApi,
  usernames: readonly string[],
  query: { customerId: string | null; window: EvidenceWindow }
): Promise<Map<string, SignOfLife>> {
  const found = new Map<string, SignOfLife>()
  const pending = chunk(usernames, AUDIT_CHUNK_SIZE)
  for (let names = pending.shift(); names; names = pending.shift()) {
    const events = await api.exportLoginEvents({
      customerId: query.customerId,
      usernames: names,
      startMs: query.window.sinceMs,
      endMs: query.window.untilMs
    })
    keepLogins(found, names, events, query.window)
    if (events.length >= RECORD_CAP && names.length > 1) {
      const unseen = names.filter((name) => !found.has(name))
      pending.unshift(...chunk(unseen, Math.ceil(names.length / 2)))
    }
  }
  return found
}

/**
 * The first activity-log record of `username` in the window, if any. One
 * record is enough to spare the user, so `max` is 1, and the timestamp
 * bound keeps the search from stopping at Reltio's default four months.
 */
export async function findActivity(
  api: ReltioApi,
  username: string,
  window: EvidenceWindow
): Promise<SignOfLife | null> {
  const records = await api.searchActivities({
    username,
    sinceMs: window.sinceMs,
    max: 1
  })
  const record = records.find((r) => isActivityOf(r, username, window))
  return record?.timestamp === undefined
    ? null
    : { source: 'activity-log', at: new Date(record.timestamp) }
}

/** A one-line account of the evidence, for logs and skip reasons. */
export function describeSignOfLife(sign: SignOfLife): string {
  const log =
    sign.source === 'activity-log' ? 'activity log' : 'security audit log'
  return `the ${log} shows use on ${sign.at.toISOString()}`
}

function keepLogins(
  found: Map<string, SignOfLife>,
  asked: readonly string[],
  events: readonly AuditLoginEvent[],
  window: EvidenceWindow
): void {
  // Reltio matches usernames without case; the map keeps the names asked.
  const byKey = new Map(asked.map((name) => [name.toLowerCase(), name]))
  for (const event of events) {
    const name = byKey.get(event.username.toLowerCase())
    if (name === undefined || !LOGIN_EVENTS.has(event.event)) continue
    if (!isWithin(event.timestamp, window)) continue
    const known = found.get(name)
    if (!known || known.at.getTime() < event.timestamp) {
      found.set(name, { source: 'audit-log', at: new Date(event.timestamp) })
    }
  }
}

/**
 * True when the record falls in the window and, when it names an actor
 * (as `user` or `userId`; Reltio's docs show both), names this user.
 */
function isActivityOf(
  record: Activity,
  username: string,
  window: EvidenceWindow
): boolean {
  if (record.timestamp === undefined) return false
  if (record.timestamp < window.sinceMs) return false
  const actor = record.user ?? record.userId
  return actor === undefined || actor.toLowerCase() === username.toLowerCase()
}

// Only the start bounds the activity search, so a record stamped a little
// after `now` (clocks differ) still counts; the export has both bounds.
function isWithin(timestamp: number, window: EvidenceWindow): boolean {
  return timestamp >= window.sinceMs && timestamp <= window.untilMs
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = []
  for (let i = 0; i < items.length; i += size) {
    parts.push(items.slice(i, i + size))
  }
  return parts
}
