import { setTimeout as delay } from 'node:timers/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReltioSimulator } from '../../sim/reltio/server.ts'
import {
  createReltioClient,
  type ReltioClient
} from '../../src/reltio/client.ts'
import { recorder, simOptions, startSim, type Recorder } from './sim-client.ts'

let sim: ReltioSimulator
let seen: Recorder
let client: ReltioClient | null = null

beforeEach(async () => {
  sim = await startSim()
  seen = recorder()
})
afterEach(async () => {
  await client?.close()
  await sim.close()
})

/** What the backoff asks for in these tests; never slept for real. */
const BACKOFF_MS = 777

/**
 * A client that records every wait. Pacing needs time to pass, so its
 * waits are slept; a backoff is only recorded, as the tests only need to
 * see whether one was asked for.
 */
async function pacedClient(concurrency: number): Promise<ReltioClient> {
  client = await createReltioClient(
    simOptions(sim, seen, {
      concurrency,
      retryDelayMs: () => BACKOFF_MS,
      sleep: (ms) => {
        seen.sleeps.push(ms)
        return ms === BACKOFF_MS ? Promise.resolve() : delay(ms)
      }
    })
  )
  return client
}

describe('ReltioClient against a rate-limited simulator', () => {
  it('paces itself after the first 429s instead of backing off', async () => {
    sim.setSwitches({ rateLimitPerSecond: 40, latencyMs: 10 })
    const reltio = await pacedClient(8)
    const names = [...sim.users.keys()]
    const calls = Array.from(
      { length: 160 },
      (_, i) => names[i % names.length] as string
    )

    const users = await Promise.all(calls.map((name) => reltio.getUser(name)))

    expect(users.every((user) => user !== null)).toBe(true)
    const limited = sim.requests.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(limited.length).toBeLessThan(calls.length / 4)
    // Every wait was a pacing slot or a paced retry, never a backoff.
    expect(seen.sleeps).not.toContain(BACKOFF_MS)
    expect(seen.sleeps.length).toBeGreaterThan(0)
    expect(reltio.stats().throttled).toBe(limited.length)
  })

  it('keeps the usual backoff for a lone 429', async () => {
    const reltio = await pacedClient(4)
    sim.scriptFault({ path: '/oauth/users', status: 429 })

    await reltio.listUsers()
    expect(seen.sleeps).toEqual([BACKOFF_MS])
  })
})
