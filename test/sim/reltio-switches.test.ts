import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { call, readJson, tokenFor } from './reltio-fetch.ts'

let sim: ReltioSimulator
let token: string

beforeEach(async () => {
  sim = await startReltioSimulator({ seed: { count: 30 } })
  token = await tokenFor(sim)
})
afterEach(() => sim.close())

const listUsers = () => call(`${sim.url}/oauth/users`, token)

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('rate limit', () => {
  it('answers 429 above rateLimitPerSecond, without Retry-After', async () => {
    sim.setSwitches({ rateLimitPerSecond: 2 })
    const responses = await Promise.all(Array.from({ length: 30 }, listUsers))
    const limited = responses.filter((r) => r.status === 429)

    expect(
      responses.filter((r) => r.status === 200).length
    ).toBeGreaterThanOrEqual(2)
    expect(limited.length).toBeGreaterThan(0)
    expect(limited[0]?.headers.get('retry-after')).toBeNull()
    expect(await limited[0]?.json()).toEqual({
      errorCode: 429,
      errorMessage: 'Too many requests, please try later'
    })
  })

  it('sends Retry-After when retryAfterSeconds is set', async () => {
    sim.setSwitches({ retryAfterSeconds: 3, faults: { status429: 1 } })
    const response = await listUsers()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('3')
  })
})

describe('backpressure', () => {
  it('answers 503 while maxInFlight requests are held', async () => {
    sim.setSwitches({ maxInFlight: 2 })
    sim.scriptFault({ path: '/oauth/users', delayMs: 60_000, times: 2 })
    const held = [listUsers(), listUsers()].map((p) => p.catch(() => null))
    await until(() => sim.inFlight === 2)

    const response = await listUsers()
    expect(response.status).toBe(503)
    expect((await readJson(response)).errorCode).toBe(503)
    await sim.close()
    await Promise.all(held)
  })
})

describe('latency', () => {
  it('delays every response by latencyMs', async () => {
    // Timers may fire a millisecond early; the margin allows for that.
    sim.setSwitches({ latencyMs: 200 })
    const started = Date.now()
    await listUsers()
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })
})

describe('random faults', () => {
  it.each([
    ['status429', 429],
    ['status503', 503]
  ] as const)('%s answers %i', async (fault, status) => {
    sim.setSwitches({ faults: { [fault]: 1 } })
    expect((await listUsers()).status).toBe(status)
  })

  it('reset drops the connection without a response', async () => {
    sim.setSwitches({ faults: { reset: 1 } })
    await expect(listUsers()).rejects.toThrow()
    expect(sim.requests.at(-1)?.status).toBe(0)
  })

  it('malformed sends a 200 whose body is not JSON', async () => {
    sim.setSwitches({ faults: { malformed: 1 } })
    const response = await listUsers()
    expect(response.status).toBe(200)
    await expect(response.json()).rejects.toThrow()
  })

  it('truncated sends the first half of the real body', async () => {
    const bytes = async () =>
      Buffer.from(await (await listUsers()).arrayBuffer())
    const whole = await bytes()
    sim.setSwitches({ faults: { truncated: 1 } })
    const cut = await bytes()
    expect(cut.length).toBe(Math.floor(whole.length / 2))
    expect(whole.subarray(0, cut.length).equals(cut)).toBe(true)
  })

  it('slow holds the response for slowMs', async () => {
    sim.setSwitches({ slowMs: 200, faults: { slow: 1 } })
    const started = Date.now()
    expect((await listUsers()).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
  })

  it('spares the token endpoint', async () => {
    sim.setSwitches({ faults: { status503: 1 } })
    expect(await tokenFor(sim)).toEqual(expect.any(String))
  })

  it('repeats the same fault sequence for the same faultSeed', async () => {
    const statuses = async () => {
      const other = await startReltioSimulator({
        seed: { count: 5 },
        faultSeed: 7
      })
      const otherToken = await tokenFor(other)
      other.setSwitches({ faults: { status429: 0.3, status503: 0.3 } })
      const seen: number[] = []
      for (let i = 0; i < 20; i++) {
        seen.push((await call(`${other.url}/oauth/users`, otherToken)).status)
      }
      await other.close()
      return seen
    }
    const first = await statuses()
    expect(await statuses()).toEqual(first)
    expect(new Set(first).size).toBeGreaterThan(1)
  })
})

describe('scriptFault', () => {
  it('hits only the matching requests, then stops', async () => {
    sim.scriptFault({
      method: 'GET',
      path: /^\/oauth\/users$/,
      status: 502,
      times: 2
    })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await listUsers()).status)
    expect(statuses).toEqual([502, 502, 200])
  })

  it('can fail the token endpoint', async () => {
    sim.scriptFault({ path: '/oauth/token', status: 429 })
    await expect(tokenFor(sim)).rejects.toThrow()
    expect(await tokenFor(sim)).toEqual(expect.any(String))
  })

  it('applies the write before resetting with afterHandler', async () => {
    const [name, user] = [...sim.users.entries()][5] ?? []
    if (!name || !user) throw new Error('no user to edit')
    sim.scriptFault({ method: 'PUT', reset: true, afterHandler: true })
    const put = call(
      `${sim.url}/oauth/users/${encodeURIComponent(name)}`,
      token,
      {
        method: 'PUT',
        json: { ...user, enabled: false }
      }
    )
    await expect(put).rejects.toThrow()
    expect(sim.users.get(name)?.enabled).toBe(false)
  })

  it('sends a scripted raw body', async () => {
    sim.scriptFault({ path: '/oauth/users', body: '[{"username":' })
    const response = await listUsers()
    expect(await response.text()).toBe('[{"username":')
  })
})

describe('requests', () => {
  it('records method, path, query, status, JSON body and identity', async () => {
    await call(`${sim.tenantUrl}/activities?max=5`, token)
    await call(`${sim.url}/audit/export`, token, {
      method: 'POST',
      json: { start: '2020-01-01T00:00:00Z', end: '2020-01-02T00:00:00Z' }
    })
    const [search, exported] = sim.requests.slice(-2)

    expect(search).toMatchObject({
      method: 'GET',
      path: '/reltio/api/acmeTenant/activities',
      query: { max: '5' },
      status: 200,
      identity: 'sim-admin-client'
    })
    expect(exported?.body).toEqual({
      start: '2020-01-01T00:00:00Z',
      end: '2020-01-02T00:00:00Z'
    })
    expect(exported?.at).toEqual(expect.any(Number))
  })
})
