/**
 * Second opinions on candidates: `lastLoginDate` misses API users who work
 * without a UI login, so the activity log and the security audit log can
 * spare a candidate before anyone is asked to approve it.
 */
import type { ReltioApi } from '../reltio/types.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Usernames per audit export; the export is synchronous and rate limited. */
export const AUDIT_CHUNK_SIZE = 100

export type EvidenceSource = 'activity-log' | 'audit-log'

/** The newest sign of life found for a user, and where. */
export interface SignOfLife {
  source: EvidenceSource
  at: Date
}

export interface EvidenceOptions {
  activityCheck: boolean
  auditCheck: boolean
  customerId: string | null
  now: Date
  inactiveDays: number
  concurrency: number
}

/** Looks up recent activity for these usernames; absent users showed none. */
export async function gatherEvidence(
  api: ReltioApi,
  usernames: string[],
  options: EvidenceOptions
): Promise<Map<string, SignOfLife>> {
  const found = new Map<string, SignOfLife>()
  const sinceMs = options.now.getTime() - options.inactiveDays * DAY_MS
  if (options.auditCheck) {
    await collectAuditLogins(api, usernames, { ...options, sinceMs }, found)
  }
  if (options.activityCheck) {
    const unsettled = usernames.filter((name) => !found.has(name))
    await collectActivities(api, unsettled, { ...options, sinceMs }, found)
  }
  return found
}

async function collectAuditLogins(
  api: ReltioApi,
  usernames: string[],
  options: EvidenceOptions & { sinceMs: number },
  found: Map<string, SignOfLife>
): Promise<void> {
  // One export at a time: Reltio answers 429 to parallel synchronous exports.
  for (let i = 0; i < usernames.length; i += AUDIT_CHUNK_SIZE) {
    const events = await api.exportLoginEvents({
      customerId: options.customerId,
      usernames: usernames.slice(i, i + AUDIT_CHUNK_SIZE),
      startMs: options.sinceMs,
      endMs: options.now.getTime()
    })
    for (const event of events) {
      if (event.timestamp < options.sinceMs) continue
      if (event.timestamp > options.now.getTime()) continue
      keepNewest(found, event.username, 'audit-log', event.timestamp)
    }
  }
}

async function collectActivities(
  api: ReltioApi,
  usernames: string[],
  options: EvidenceOptions & { sinceMs: number },
  found: Map<string, SignOfLife>
): Promise<void> {
  await forEachLimited(usernames, options.concurrency, async (username) => {
    const [latest] = await api.searchActivities({
      username,
      sinceMs: options.sinceMs,
      max: 1
    })
    if (
      latest?.timestamp !== undefined &&
      latest.timestamp >= options.sinceMs
    ) {
      keepNewest(found, username, 'activity-log', latest.timestamp)
    }
  })
}

function keepNewest(
  found: Map<string, SignOfLife>,
  username: string,
  source: EvidenceSource,
  timestamp: number
): void {
  const known = found.get(username)
  if (!known || known.at.getTime() < timestamp) {
    found.set(username, { source, at: new Date(timestamp) })
  }
}

/** Runs `work` over `items` with at most `limit` running at once. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item)
    }
  }
  const workers = Math.max(1, Math.min(limit, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
}
