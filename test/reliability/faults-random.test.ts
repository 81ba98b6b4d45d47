/**
 * Random throttling, backpressure and broken connections at set rates,
 * through dist/index.js. One request at a time (`concurrency: 1`), so the
 * simulator's seeded fault dice fall the same way on every run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSwitches } from '../../sim/reltio/switches.ts'
import { startWorld, NOW, type World } from '../e2e/world.ts'
import {
  appliedPuts,
  approve,
  candidateNames,
  damage,
  readPlan,
  readResults,
  runReport,
  snapshot,
  summaryRow,
  type PlanFile
} from './helpers.ts'

const SEQUENTIAL = { concurrency: '1' }
// The simulator's defaults have every fault off.
const NO_FAULTS = defaultSwitches().faults

// A smaller customer than the e2e default: every request here may draw a
// fault and its backoff, and a dozen candidates show the same things.
const CUSTOMER = { seed: { count: 60, seed: 7, now: new Date(NOW) } }

describe('an approval under random faults', () => {
  let world: World
  let plan: PlanFile

  beforeEach(async () => {
    world = await startWorld(CUSTOMER)
    plan = await runReport(world)
  })
  afterEach(() => world.close())

  it.each([
    ['429 and 503 answers', { status429: 0.15, status503: 0.05 }],
    ['connection resets', { reset: 0.08 }]
  ])(
    'retries through %s and deactivates every approved user once',
    async (_name, faults) => {
      const before = snapshot(world.reltio)
      const approved = candidateNames(plan)
      // Retry-After: 0 keeps 429 retries quick; 503s and resets back off.
      world.reltio.setSwitches({ faults, retryAfterSeconds: 0 })
      const run = await approve(world, plan, SEQUENTIAL)
      world.reltio.setSwitches({ faults: NO_FAULTS })

      expect(run.exitCode).toBe(0)
      expect(run.outputs.deactivated).toBe(String(approved.length))
      expect(run.outputs.failed).toBe('0')
      const faulted = world.reltio.requests.filter(
        (r) => r.status === 429 || r.status === 503 || r.status === 0
      )
      expect(faulted.length).toBeGreaterThan(0)
      const puts = appliedPuts(world.reltio)
      for (const name of approved) expect(puts.get(name)).toBe(1)
      expect(damage(world.reltio, before, approved)).toEqual([])
      // The summary shows every user done and that retries got them there.
      for (const name of approved) {
        expect(summaryRow(run.summary, name)).toContain('| deactivated |')
      }
      expect(run.summary).toMatch(
        /Reltio calls: \d+ request\(s\), [1-9]\d* retried/
      )
    }
  )

  it('fails the users whose reads broke, writes none of them, and finishes them on the next run', async () => {
    const before = snapshot(world.reltio)
    const approved = candidateNames(plan)
    world.reltio.setSwitches({
      faults: { malformed: 0.06, truncated: 0.06 },
      retryAfterSeconds: 0
    })
    const runs = []
    for (let attempt = 0; attempt < 10; attempt++) {
      const run = await approve(world, plan, SEQUENTIAL)
      runs.push(run)
      if (run.exitCode === 0) break
      // A red run names its failures in the summary (or stopped before
      // any write, with one error line naming the endpoint).
      if (run.summary === '') {
        expect(run.stdout).toMatch(
          /::error::.*(malformed JSON|unexpected body)/
        )
      } else {
        const failed = [...(await readResults(world)).values()].filter(
          (line) => line.status === 'failed'
        )
        expect(failed.length).toBeGreaterThan(0)
        for (const line of failed) {
          expect(summaryRow(run.summary, line.username)).toContain('**failed**')
          expect(line.error).toMatch(/malformed JSON|unexpected body/)
        }
      }
    }
    world.reltio.setSwitches({ faults: NO_FAULTS })

    expect(runs.at(-1)?.exitCode).toBe(0)
    expect(runs.length).toBeGreaterThan(1)
    const puts = appliedPuts(world.reltio)
    for (const name of approved) expect(puts.get(name)).toBe(1)
    expect(damage(world.reltio, before, approved)).toEqual([])
  })
})

describe('a report under random faults', () => {
  let world: World

  beforeEach(async () => {
    world = await startWorld()
  })
  afterEach(() => world.close())

  it('retries and proposes the same plan as a report without faults', async () => {
    const calm = await runReport(world)
    const policy = `/oauth/customers/${world.reltio.customerId}/passwordPolicy`
    // Its few calls would mostly miss random dice; each fault is scripted.
    world.reltio.setSwitches({ retryAfterSeconds: 0 })
    world.reltio.scriptFault({
      method: 'GET',
      path: '/oauth/users',
      status: 429
    })
    world.reltio.scriptFault({
      method: 'GET',
      path: '/oauth/users',
      reset: true
    })
    world.reltio.scriptFault({ method: 'GET', path: policy, status: 503 })
    const stormy = await world.run(SEQUENTIAL)

    expect(stormy.exitCode).toBe(0)
    expect(stormy.outputs['plan-id']).toBe(calm.planId)
    expect(await readPlan(world)).toMatchObject({
      planId: calm.planId,
      candidates: calm.candidates
    })
    const lists = world.reltio.requests.filter((r) => r.path === '/oauth/users')
    expect(lists.map((r) => r.status)).toEqual([200, 429, 0, 200])
    const policies = world.reltio.requests.filter((r) => r.path === policy)
    expect(policies.map((r) => r.status)).toEqual([200, 503, 200])
  })
})
