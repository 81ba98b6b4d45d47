/**
 * deactivateApproved against the Reltio simulator with the real client:
 * what is written, what is spared, and that a rerun writes nobody twice.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { deactivateApproved } from '../../src/approval/deactivate.ts'
import type { UserResult } from '../../src/approval/types.ts'
import { WritesForbiddenError } from '../../src/approval/write.ts'
import { NOW, candidate, daysAgo, reltioUser, settings } from './helpers.ts'
import {
  delegateTo,
  requestsTo,
  startWorld,
  usersPut,
  type SimWorld
} from './sim-setup.ts'

const USERS = [
  reltioUser('ann@acme.com', 120, { custom: { badge: [1, 2], note: null } }),
  reltioUser('bob@acme.com', 200, { firstLogin: true }),
  reltioUser('cid@acme.com', 95),
  reltioUser('dee@acme.com', 130),
  reltioUser('eve@acme.com', 10)
]
const opts = { now: NOW, settings: settings(), concurrency: 3, dryRun: false }

let world: SimWorld
afterEach(async () => world.close())

const outcomes = (results: UserResult[]): Record<string, string> =>
  Object.fromEntries(results.map((r) => [r.username, r.outcome]))
const enabledOf = (username: string): unknown =>
  world.sim.users.get(username)?.enabled

describe('deactivateApproved (simulator)', () => {
  it('disables exactly the approved users', async () => {
    world = await startWorld(USERS)
    const approved = ['ann@acme.com', 'cid@acme.com'].map(candidate)
    const results = await deactivateApproved(world.client, approved, opts)
    expect(outcomes(results)).toEqual({
      'ann@acme.com': 'deactivated',
      'cid@acme.com': 'deactivated'
    })
    expect(usersPut(world.sim).sort()).toEqual(['ann@acme.com', 'cid@acme.com'])
    expect(USERS.map((u) => enabledOf(u.username))).toEqual([
      false,
      true,
      false,
      true,
      true
    ])
  })

  it('sends each user back exactly as read, with only enabled changed', async () => {
    world = await startWorld(USERS)
    const before = new Map(
      [...world.sim.users].map(([name, user]) => [name, structuredClone(user)])
    )
    const approved = ['ann@acme.com', 'bob@acme.com', 'dee@acme.com']
    const results = await deactivateApproved(
      world.client,
      approved.map(candidate),
      opts
    )
    const puts = requestsTo(world.sim, 'PUT')
    expect(puts).toHaveLength(3)
    for (const put of puts) {
      const name = decodeURIComponent(put.path.split('/').pop() ?? '')
      expect(put.body).toEqual({ ...before.get(name), enabled: false })
      expect(world.sim.users.get(name)).toEqual({
        ...before.get(name),
        enabled: false
      })
    }
    expect(results.map((r) => r.before)).toEqual(
      approved.map((name) => before.get(name))
    )
  })

  it('skips a user who logged in after the report', async () => {
    world = await startWorld(USERS)
    const ann = world.sim.users.get('ann@acme.com')
    if (ann) ann.lastLoginDate = daysAgo(1)
    const results = await deactivateApproved(
      world.client,
      [candidate('ann@acme.com'), candidate('bob@acme.com')],
      opts
    )
    expect(outcomes(results)).toEqual({
      'ann@acme.com': 'skipped',
      'bob@acme.com': 'deactivated'
    })
    expect(results[0]?.reason).toMatch(/^not a candidate any more \(active\)/)
    expect(usersPut(world.sim)).toEqual(['bob@acme.com'])
  })

  it('skips a user excluded since the report, naming the rule', async () => {
    world = await startWorld(USERS)
    const bob = world.sim.users.get('bob@acme.com')
    if (bob) bob.groups = ['SERVICE_ACCOUNTS']
    const [result] = await deactivateApproved(
      world.client,
      [candidate('bob@acme.com')],
      opts
    )
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: 'excluded now: group SERVICE_ACCOUNTS'
    })
    expect(usersPut(world.sim)).toEqual([])
  })

  it('skips a user deleted since the report', async () => {
    world = await startWorld(USERS)
    world.sim.users.delete('dee@acme.com')
    const [result] = await deactivateApproved(
      world.client,
      [candidate('dee@acme.com')],
      opts
    )
    expect(result).toMatchObject({
      outcome: 'skipped',
      reason: 'not found in Reltio (deleted or renamed since the report)'
    })
  })

  it('makes the same decisions on a dry run and sends no PUT', async () => {
    world = await startWorld(USERS)
    const approved = ['ann@acme.com', 'eve@acme.com'].map(candidate)
    const results = await deactivateApproved(world.client, approved, {
      ...opts,
      dryRun: true
    })
    expect(outcomes(results)).toEqual({
      'ann@acme.com': 'would-deactivate',
      'eve@acme.com': 'skipped'
    })
    expect(requestsTo(world.sim, 'PUT')).toEqual([])
    expect(enabledOf('ann@acme.com')).toBe(true)
  })

  it('writes nobody twice when a stopped run is run again', async () => {
    world = await startWorld(USERS)
    // The first run fails part way: Reltio refuses dee's PUT.
    world.sim.scriptFault({
      method: 'PUT',
      path: '/oauth/users/dee%40acme.com',
      status: 500
    })
    const approved = ['ann@acme.com', 'bob@acme.com', 'dee@acme.com']
    const first = await deactivateApproved(
      world.client,
      approved.map(candidate),
      opts
    )
    expect(outcomes(first)).toMatchObject({ 'dee@acme.com': 'failed' })
    const afterFirst = structuredClone(world.sim.users.get('ann@acme.com'))

    const second = await deactivateApproved(
      world.client,
      approved.map(candidate),
      opts
    )
    expect(outcomes(second)).toEqual({
      'ann@acme.com': 'already-disabled',
      'bob@acme.com': 'already-disabled',
      'dee@acme.com': 'deactivated'
    })
    expect(second[0]?.reason).toBe(
      'already disabled — by an earlier run of this plan or by hand'
    )
    expect(usersPut(world.sim).sort()).toEqual(approved)
    expect(world.sim.users.get('ann@acme.com')).toEqual(afterFirst)
  })

  it('fails a user whose PUT answers 200 but does not stick', async () => {
    world = await startWorld(USERS)
    const ann = USERS[0]
    world.sim.scriptFault({
      method: 'PUT',
      path: '/oauth/users/ann%40acme.com',
      status: 200,
      body: JSON.stringify({ ...ann, enabled: false })
    })
    const [result] = await deactivateApproved(
      world.client,
      [candidate('ann@acme.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toBe(
      'read back after the PUT, Reltio differs from what was sent in: enabled'
    )
  })

  it('fails a user whose stored object differs from what was sent', async () => {
    world = await startWorld(USERS)
    const { client, sim } = world
    // Reltio stores the PUT, then something else rewrites the groups.
    const api = delegateTo(client, {
      putUser: async (username, user) => {
        const answer = await client.putUser(username, user)
        const stored = sim.users.get(username)
        if (stored) stored.groups = ['OTHER']
        return answer
      }
    })
    const [result] = await deactivateApproved(
      api,
      [candidate('bob@acme.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toMatch(/differs from what was sent in: groups$/)
  })

  it('stops at the first 403 before any other write', async () => {
    world = await startWorld(USERS, { as: 'readonly' })
    const approved = ['ann@acme.com', 'bob@acme.com', 'cid@acme.com']
    const error = await deactivateApproved(
      world.client,
      approved.map(candidate),
      { ...opts, concurrency: 3 }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WritesForbiddenError)
    expect((error as Error).message).toMatch(
      /lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER/
    )
    expect(requestsTo(world.sim, 'PUT')).toHaveLength(1)
    expect(approved.map(enabledOf)).toEqual([true, true, true])
    const results = (error as WritesForbiddenError<UserResult>).results
    expect(results.every((r) => r.outcome === 'failed')).toBe(true)
  })
})
