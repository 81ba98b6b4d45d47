/** A simulator seeded with hand-made users, and a real client for it. */
import type { RawReltioUser, ReltioApi } from '../../src/reltio/types.ts'
import {
  startReltioSimulator,
  type ReltioSimulator,
  type RecordedRequest
} from '../../sim/reltio/server.ts'
import { connectWorld, type SimWorld } from '../support/reltio-sim.ts'
import { NOW } from './helpers.ts'

export type { SimWorld }

/** Starts the simulator with `users` and connects a client as `as`. */
export async function startWorld(
  users: RawReltioUser[],
  opts: {
    as?: 'admin' | 'readonly'
    passwordPolicy?: Record<string, unknown>
  } = {}
): Promise<SimWorld> {
  const sim = await startReltioSimulator({
    users: structuredClone(users),
    now: NOW,
    passwordPolicy: opts.passwordPolicy
  })
  const identity = opts.as === 'readonly' ? sim.readonlyClient : sim.adminClient
  return connectWorld(sim, {
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    maxRetries: 1
  })
}

/** The recorded requests with this method whose path starts with `prefix`. */
export function requestsTo(
  sim: ReltioSimulator,
  method: string,
  prefix = '/oauth/users/'
): RecordedRequest[] {
  return sim.requests.filter(
    (r) => r.method === method && r.path.startsWith(prefix)
  )
}

/** Usernames of the successful PUTs, in the order sent. */
export function usersPut(sim: ReltioSimulator): string[] {
  return requestsTo(sim, 'PUT')
    .filter((r) => r.status === 200)
    .map((r) => decodeURIComponent(r.path.slice('/oauth/users/'.length)))
}

/**
 * The client's calls, with some replaced: a change made "by someone else"
 * between two of the action's own calls.
 */
export function delegateTo(
  client: ReltioApi,
  overrides: Partial<Omit<ReltioApi, 'identity'>>
): ReltioApi {
  return {
    identity: client.identity,
    listUsers: () => client.listUsers(),
    getUser: (username) => client.getUser(username),
    putUser: (username, user) => client.putUser(username, user),
    getPasswordPolicy: (id) => client.getPasswordPolicy(id),
    putPasswordPolicy: (id, policy) => client.putPasswordPolicy(id, policy),
    searchActivities: (query) => client.searchActivities(query),
    exportLoginEvents: (query) => client.exportLoginEvents(query),
    stats: () => client.stats(),
    ...overrides
  }
}
