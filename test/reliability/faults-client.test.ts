/**
 * Faults that need the client's own knobs: answers slower than the timeout
 * (the action's is a fixed 30 s, so these tests give the client 1 s),
 * and a user changed by someone else right after the write.
 * deactivateApproved drives the real client against the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { deactivateApproved } from '../../src/approval/deactivate.ts'
import { renderApprovalSummary } from '../../src/approval/results.ts'
import {
  createReltioClient,
  type ReltioClient
} from '../../src/reltio/client.ts'
import type { RawReltioUser } from '../../src/reltio/types.ts'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { NOW, candidate, reltioUser, settings } from '../approval/helpers.ts'
import { delegateTo } from '../approval/sim-setup.ts'
import { clientOptions } from '../support/reltio-sim.ts'
import {
  appliedPuts,
  damage,
  snapshot,
  summaryRow,
  userPath
} from './helpers.ts'

const TIMEOUT_MS = 1000
// Held far past the timeout; close() drops the hold, so it never lands.
const HOLD_MS = 600_000
const USERS = ['ann', 'bob', 'cid', 'dee', 'eve', 'fay'].map((name) =>
  reltioUser(`${name}@acme.com`, 120, { custom: { note: `${name} ✓` } })
)
const OPTIONS = {
  now: NOW,
  settings: settings(),
  concurrency: 1,
  dryRun: false
}

let sim: ReltioSimulator
let client: ReltioClient

async function start(maxRetries = 5): Promise<void> {
  sim = await startReltioSimulator({ users: structuredClone(USERS), now: NOW })
  client = await createReltioClient(
    clientOptions(sim, { concurrency: 1, timeoutMs: TIMEOUT_MS, maxRetries })
  )
}

afterEach(async () => {
  await client.close()
  await sim.close()
})

function statusesOf(method: string, username: string): number[] {
  const path = userPath(username)
  return sim.requests
    .filter((r) => r.method === method && r.path === path)
    .map((r) => r.status)
}

function summaryOf(results: Parameters<typeof renderApprovalSummary>[0]) {
  return renderApprovalSummary(results, {
    planId: '0123456789abcdef',
    customerId: 'AcmeCorp',
    runId: '1',
    approver: 'octo-approver',
    dryRun: false,
    now: NOW
  })
}

describe('the client facing answers slower than its timeout', () => {
  it('gives up on a slow read and reads again', async () => {
    await start()
    sim.scriptFault({
      method: 'GET',
      path: userPath('ann@acme.com'),
      delayMs: HOLD_MS
    })
    const user = await client.getUser('ann@acme.com')
    expect(user).toEqual(USERS[0])
    // The first attempt is still held (status 0); the second was answered.
    expect(statusesOf('GET', 'ann@acme.com')).toEqual([0, 200])
    expect(client.stats().retries).toBe(1)
  })

  it('deactivates a user whose PUT outlives the timeout with one applied write', async () => {
    await start()
    const before = snapshot(sim)
    sim.scriptFault({
      method: 'PUT',
      path: userPath('bob@acme.com'),
      delayMs: HOLD_MS
    })
    const results = await deactivateApproved(
      client,
      [candidate('bob@acme.com')],
      OPTIONS
    )
    expect(results.map((r) => r.outcome)).toEqual(['deactivated'])
    expect(statusesOf('PUT', 'bob@acme.com')).toEqual([0, 200])
    expect(damage(sim, before, ['bob@acme.com'])).toEqual([])
  })

  it('fails a user whose reads never answer in time, without writing it', async () => {
    await start(2)
    const before = snapshot(sim)
    sim.scriptFault({
      method: 'GET',
      path: userPath('cid@acme.com'),
      delayMs: HOLD_MS,
      times: 3
    })
    const results = await deactivateApproved(
      client,
      ['cid@acme.com', 'dee@acme.com'].map(candidate),
      OPTIONS
    )
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'deactivated'])
    expect(results[0]?.reason).toBe(
      `Reltio did not answer GET /oauth/users/cid%40acme.com within ${TIMEOUT_MS} ms (3 attempts). Try again later or check the network.`
    )
    expect(statusesOf('PUT', 'cid@acme.com')).toEqual([])
    expect(summaryRow(summaryOf(results), 'cid@acme.com')).toContain(
      '| **failed** | Reltio did not answer'
    )
    expect(damage(sim, before, ['dee@acme.com'])).toEqual([])
  })

  it('deactivates everyone when random answers are slow', async () => {
    await start()
    const before = snapshot(sim)
    sim.setSwitches({ faults: { slow: 0.2 }, slowMs: HOLD_MS })
    const names = USERS.map((u) => u.username)
    const results = await deactivateApproved(
      client,
      names.map(candidate),
      OPTIONS
    )
    expect(results.every((r) => r.outcome === 'deactivated')).toBe(true)
    expect(sim.requests.some((r) => r.status === 0)).toBe(true)
    const puts = appliedPuts(sim)
    for (const name of names) expect(puts.get(name)).toBe(1)
    expect(damage(sim, before, names)).toEqual([])
  })
})

describe('a PUT whose answer is lost', () => {
  it('reads the user back and counts the write that landed as done', async () => {
    // No retries: the broken answer is the last word on the PUT.
    await start(0)
    const before = snapshot(sim)
    sim.scriptFault({
      method: 'PUT',
      path: userPath('fay@acme.com'),
      afterHandler: true,
      reset: true
    })
    const results = await deactivateApproved(
      client,
      [candidate('fay@acme.com')],
      OPTIONS
    )
    expect(results[0]).toMatchObject({ outcome: 'deactivated', written: true })
    expect(statusesOf('PUT', 'fay@acme.com')).toEqual([0])
    expect(damage(sim, before, ['fay@acme.com'])).toEqual([])
  })

  it('fails the user, naming the PUT error, when the write did not land', async () => {
    await start(0)
    sim.scriptFault({
      method: 'PUT',
      path: userPath('fay@acme.com'),
      reset: true
    })
    const results = await deactivateApproved(
      client,
      [candidate('fay@acme.com')],
      OPTIONS
    )
    expect(results[0]).toMatchObject({ outcome: 'failed', written: true })
    expect(results[0]?.reason).toMatch(
      /^PUT failed: The connection to Reltio broke at PUT/
    )
    expect(sim.users.get('fay@acme.com')?.enabled).toBe(true)
  })
})

describe('a user changed by someone else right after the write', () => {
  it('fails the user, naming the field that differs, and writes it once', async () => {
    await start()
    const target = 'eve@acme.com'
    const meddling = delegateTo(client, {
      putUser: async (username, user: RawReltioUser) => {
        const answer = await client.putUser(username, user)
        sim.users.get(username)!.locale = 'de'
        return answer
      }
    })
    const results = await deactivateApproved(
      meddling,
      [candidate(target)],
      OPTIONS
    )
    expect(results[0]).toMatchObject({
      outcome: 'failed',
      reason:
        'read back after the PUT, Reltio differs from what was sent in: locale',
      written: true
    })
    expect(statusesOf('PUT', target)).toEqual([200])
    expect(summaryRow(summaryOf(results), target)).toContain(
      'differs from what was sent in: locale'
    )
  })
})
