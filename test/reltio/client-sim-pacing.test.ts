import { setTimeout as delay } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { ReltioClient } from '../../src/reltio/client.ts'
import { simPerTest } from '../support/reltio-sim.ts'

const world = simPerTest()

/** What the backoff asks for in these tests; never slept for real. */
const BACKOFF_MS = 777

/**
 * A client that records every wait. Pacing needs time to pass, so its
 * waits are slept; a backoff is only recorded, as the tests only need to
 * see whether one was asked for.
 */
async function pacedClient(concurrency: number): Promise<ReltioClient> {
  return world.connect({
    concurrency,
    retryDelayMs: () => BACKOFF_MS,
    sleep: (ms) => {
      world.seen.sleeps.push(ms)
      return ms === BACKOFF_MS ? Promise.resolve() : delay(ms)
    }
  })
}

describe('ReltioClient against a rate-limited simulator', () => {
  it('paces itself after the first 429s instead of backing off', async () => {
    world.sim.setSwitches({ rateLimitPerSecond: 40, latencyMs: 10 })
    const reltio = await pacedClient(8)
    const names = [...world.sim.users.keys()]
    const calls = Array.from(
      { length: 160 },
      (_, i) => names[i % names.length] as string
    )

    const users = await Promise.all(calls.map((name) => reltio.getUser(name)))

    expect(users.every((user) => user !== null)).toBe(true)
    const limited = world.sim.requests.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(limited.length).toBeLessThan(calls.length / 4)
    // Every wait was a pacing slot or a paced retry, never a backoff.
    expect(world.seen.sleeps).not.toContain(BACKOFF_MS)
    expect(world.seen.sleeps.length).toBeGreaterThan(0)
    expect(reltio.stats().throttled).toBe(limited.length)
  })

  it('keeps the usual backoff for a lone 429', async () => {
    const reltio = await pacedClient(4)
    world.sim.scriptFault({ path: '/oauth/users', status: 429 })

    await reltio.listUsers()
    expect(world.seen.sleeps).toEqual([BACKOFF_MS])
  })
})
