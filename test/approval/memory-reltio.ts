/**
 * An in-memory ReltioApi for the failure shapes the simulator cannot
 * produce on cue (errors at one exact step, concurrency counts). Every
 * other approval behaviour is tested against the real simulator.
 */
import { ReltioError } from '../../src/errors.ts'
import type { RawReltioUser, ReltioApi } from '../../src/reltio/types.ts'

type Policy = Awaited<ReturnType<ReltioApi['getPasswordPolicy']>>

export interface MemoryReltio extends ReltioApi {
  users: Map<string, RawReltioUser>
  policy: Policy
  calls: Array<{ method: 'GET' | 'PUT'; username: string }>
  maxInFlight: number
  /** Replaces a call's behaviour; return undefined to fall through. */
  onGet?: (username: string, call: number) => RawReltioUser | null | undefined
  onPut?: (username: string, user: RawReltioUser) => void
}

export function forbidden(endpoint: string): ReltioError {
  return new ReltioError('User sim-client does not have enough access', {
    status: 403,
    endpoint
  })
}

/** A Reltio double holding `users`; each call yields once to interleave. */
export function memoryReltio(
  users: RawReltioUser[],
  identity = 'sim-admin-client'
): MemoryReltio {
  let inFlight = 0
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight += 1
    api.maxInFlight = Math.max(api.maxInFlight, inFlight)
    try {
      await new Promise((resolve) => setImmediate(resolve))
      return work()
    } finally {
      inFlight -= 1
    }
  }
  const gets = new Map<string, number>()
  const api: MemoryReltio = {
    identity,
    users: new Map(users.map((u) => [u.username, structuredClone(u)])),
    policy: { inactivePeriodInDays: 120, expirePeriodInDays: 180 },
    calls: [],
    maxInFlight: 0,
    getUser: (username) =>
      track(() => {
        api.calls.push({ method: 'GET', username })
        const call = (gets.get(username) ?? 0) + 1
        gets.set(username, call)
        const scripted = api.onGet?.(username, call)
        if (scripted !== undefined) return scripted
        const user = api.users.get(username)
        return user ? structuredClone(user) : null
      }),
    putUser: (username, user) =>
      track(() => {
        api.calls.push({ method: 'PUT', username })
        api.onPut?.(username, user)
        api.users.set(username, structuredClone(user))
        return structuredClone(user)
      }),
    getPasswordPolicy: () => track(() => structuredClone(api.policy)),
    putPasswordPolicy: (_customerId, policy) =>
      track(() => {
        api.policy = structuredClone(policy)
        return structuredClone(policy)
      }),
    listUsers: () => track(() => [...api.users.values()]),
    searchActivities: async () => [],
    exportLoginEvents: async () => [],
    stats: () => ({ requests: 0, retries: 0, throttled: 0, tokenRefreshes: 0 })
  }
  return api
}
