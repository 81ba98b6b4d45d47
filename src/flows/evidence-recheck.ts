/**
 * The second opinions of an approval run, asked for each approved user
 * just before the write. Users re-checked at the same time share one audit
 * export, and exports run one at a time as Reltio requires.
 */
import type { ReltioApi } from '../reltio/types.js'
import {
  AUDIT_CHUNK_SIZE,
  findActivity,
  findAuditLogins,
  windowOf,
  type EvidenceOptions,
  type SignOfLife
} from './evidence.js'

/** Finds a sign of recent use of one user, or null. */
export type EvidenceRecheck = (username: string) => Promise<SignOfLife | null>

/**
 * A re-check that looks in the audit log, then the activity log, over the
 * same window as the report.
 */
export function createEvidenceRecheck(
  api: ReltioApi,
  options: Omit<EvidenceOptions, 'concurrency'>
): EvidenceRecheck {
  const window = windowOf(options)
  const findLogin = options.auditCheck
    ? batchAuditLogins(api, { customerId: options.customerId, window })
    : null
  return async (username) => {
    const login = findLogin ? await findLogin(username) : null
    if (login) return login
    if (!options.activityCheck) return null
    return findActivity(api, username, window)
  }
}

interface Waiter {
  username: string
  resolve(sign: SignOfLife | null): void
  reject(error: unknown): void
}

/**
 * Looks users up in the audit log in batches: a call made while an export
 * runs waits for the next one, which takes every user waiting by then.
 */
function batchAuditLogins(
  api: ReltioApi,
  query: Parameters<typeof findAuditLogins>[2]
): (username: string) => Promise<SignOfLife | null> {
  const waiting: Waiter[] = []
  let running = false
  const drain = async (): Promise<void> => {
    running = true
    while (waiting.length > 0) {
      const batch = waiting.splice(0, AUDIT_CHUNK_SIZE)
      const names = batch.map((waiter) => waiter.username)
      try {
        const found = await findAuditLogins(api, names, query)
        for (const waiter of batch) {
          waiter.resolve(found.get(waiter.username) ?? null)
        }
      } catch (error) {
        for (const waiter of batch) waiter.reject(error)
      }
    }
    running = false
  }
  return (username) =>
    new Promise((resolve, reject) => {
      waiting.push({ username, resolve, reject })
      if (!running) void drain()
    })
}
