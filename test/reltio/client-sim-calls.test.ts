import { describe, expect, it } from 'vitest'
import { failure } from '../support/reltio-failure.ts'
import { requestsTo, simPerTest } from '../support/reltio-sim.ts'

const world = simPerTest()

function someUsername(): string {
  const name = [...world.sim.users.keys()][5]
  if (name === undefined) throw new Error('the simulator has users')
  return name
}

describe('ReltioClient against the simulator: retries', () => {
  it('retries 429 and 503 and a reset with zero delays', async () => {
    const client = await world.connect()
    world.sim.scriptFault({ path: '/oauth/users', status: 429 })
    world.sim.scriptFault({ path: '/oauth/users', status: 503 })
    world.sim.scriptFault({ path: '/oauth/users', reset: true })

    await expect(client.listUsers()).resolves.toHaveLength(world.sim.users.size)
    expect(client.stats()).toMatchObject({ retries: 3, throttled: 2 })
    expect(world.seen.sleeps).toEqual([0, 0, 0])
  })

  it.each([400, 403, 500])('does not retry a %i', async (status) => {
    const client = await world.connect()
    world.sim.scriptFault({ path: '/oauth/users', status })

    expect((await failure(client.listUsers())).status).toBe(status)
    expect(requestsTo(world.sim, 'GET', '/oauth/users')).toHaveLength(1)
  })

  it('answers null for an unknown user without retrying', async () => {
    const client = await world.connect()

    await expect(client.getUser('nobody@nowhere.example')).resolves.toBeNull()
    expect(client.stats().retries).toBe(0)
  })

  it('waits as long as Retry-After asks', async () => {
    const client = await world.connect({ retryDelayMs: () => 1 })
    world.sim.setSwitches({ retryAfterSeconds: 3 })
    world.sim.scriptFault({ path: '/oauth/users', status: 429, times: 2 })

    await client.listUsers()
    expect(world.seen.sleeps).toEqual([3000, 3000])
  })

  it('repeats the audit export after "too many synchronous requests"', async () => {
    const client = await world.connect()
    world.sim.scriptFault({ path: '/audit/export', status: 429 })

    const events = await client.exportLoginEvents({
      customerId: world.sim.customerId,
      usernames: [...world.sim.users.keys()],
      startMs: 0,
      endMs: Date.parse('2026-06-01T00:00:00Z')
    })
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => world.sim.users.has(e.username))).toBe(true)
    expect(client.stats().retries).toBe(1)
  })
})

describe('ReltioClient against the simulator: concurrency', () => {
  it('keeps requests within the bound, so backpressure never answers', async () => {
    world.sim.setSwitches({ maxInFlight: 2, latencyMs: 30 })
    const client = await world.connect({ concurrency: 2 })
    const names = [...world.sim.users.keys()].slice(0, 12)

    const users = await Promise.all(names.map((name) => client.getUser(name)))
    expect(users.map((user) => user?.username)).toEqual(names)
    expect(world.sim.requests.filter((r) => r.status === 503)).toEqual([])
    expect(client.stats().throttled).toBe(0)
  })

  it('meets backpressure above the bound and gets through by retrying', async () => {
    world.sim.setSwitches({ maxInFlight: 2, latencyMs: 200 })
    const client = await world.connect({ concurrency: 4, maxRetries: 10 })
    const names = [...world.sim.users.keys()].slice(0, 4)

    const users = await Promise.all(names.map((name) => client.getUser(name)))
    expect(users.map((user) => user?.username)).toEqual(names)
    expect(client.stats().throttled).toBeGreaterThan(0)
  })
})

describe('ReltioClient against the simulator: bodies', () => {
  it('reports truncated JSON naming the endpoint', async () => {
    const client = await world.connect()
    world.sim.scriptFault({ path: '/oauth/users', body: '[{"username":' })

    const error = await failure(client.listUsers())
    expect(error.message).toBe(
      'Reltio answered GET /oauth/users with malformed JSON (Unexpected end of JSON input)'
    )
  })

  it('reports a body that is not JSON without quoting it', async () => {
    const client = await world.connect()
    world.sim.setSwitches({ faults: { malformed: 1 } })

    const error = await failure(client.getUser(someUsername()))
    expect(error.message).toMatch(
      /^Reltio answered GET \/oauth\/users\/\S+ with malformed JSON \(Unexpected token '<'\)$/
    )
  })

  it('PUTs the whole user back and reads the same object again', async () => {
    const client = await world.connect()
    const name = someUsername()
    const before = await client.getUser(name)
    if (before === null) throw new Error('the user exists')

    const changed = { ...before, enabled: false }
    const answer = await client.putUser(name, changed)
    const after = await client.getUser(name)

    expect(answer).toStrictEqual(changed)
    expect(after).toStrictEqual(changed)
    const put = requestsTo(
      world.sim,
      'PUT',
      `/oauth/users/${encodeURIComponent(name)}`
    )
    expect(put.map((r) => r.body)).toStrictEqual([changed])
  })

  it('says which role is missing when a read-only identity writes', async () => {
    const client = await world.connect({ ...world.sim.readonlyClient })
    const name = someUsername()
    const user = await client.getUser(name)
    if (user === null) throw new Error('the user exists')

    const error = await failure(
      client.putUser(name, { ...user, enabled: false })
    )
    expect(error.status).toBe(403)
    expect(error.message).toContain(
      `the identity ${world.sim.readonlyClient.clientId} lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER`
    )
    expect(
      requestsTo(world.sim, 'PUT', `/oauth/users/${encodeURIComponent(name)}`)
    ).toHaveLength(1)
  })

  it('reads activities whichever actor key Reltio uses', async () => {
    const client = await world.connect()
    const actor = world.sim.activities[0]?.user ?? ''
    world.sim.setSwitches({ activityActorKey: 'userId' })

    const found = await client.searchActivities({
      username: actor,
      sinceMs: 0,
      max: 50
    })
    expect(found.length).toBeGreaterThan(0)
    expect(
      found.every((a) => a.userId?.toLowerCase() === actor.toLowerCase())
    ).toBe(true)
  })

  it('round-trips the password policy with its rules', async () => {
    const client = await world.connect()
    const policy = await client.getPasswordPolicy(world.sim.customerId)
    const changed = { ...policy, inactivePeriodInDays: 30 }

    await client.putPasswordPolicy(world.sim.customerId, changed)
    await expect(
      client.getPasswordPolicy(world.sim.customerId)
    ).resolves.toStrictEqual(changed)
  })
})
