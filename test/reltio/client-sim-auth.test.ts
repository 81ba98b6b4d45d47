import { describe, expect, it } from 'vitest'
import { failure } from '../support/reltio-failure.ts'
import {
  closedLoopbackUrl,
  requestsTo,
  simPerTest
} from '../support/reltio-sim.ts'

const world = simPerTest()

function tokenGrants(): unknown[] {
  return requestsTo(world.sim, 'POST', '/oauth/token').map(
    (r) => (r.body as Record<string, unknown>).grant_type
  )
}

describe('ReltioClient against the simulator: grants', () => {
  it('lists every user with a client-credentials token', async () => {
    const client = await world.connect()
    const users = await client.listUsers()

    expect(users).toHaveLength(world.sim.users.size)
    expect(tokenGrants()).toEqual(['client_credentials'])
    expect(client.identity).toBe(world.sim.adminClient.clientId)
    const access = world.seen.tokens[world.seen.tokens.length - 1] ?? ''
    expect(access.length).toBeGreaterThan(100)
  })

  it('uses the password grant and renews with the refresh token', async () => {
    const admin = world.sim.adminUser
    if (admin === null)
      throw new Error('the seeded simulator has an admin user')
    const client = await world.connect({
      username: admin.username,
      password: admin.password
    })
    expect(client.identity).toBe(admin.username)

    world.sim.expireTokens()
    await expect(client.listUsers()).resolves.toHaveLength(world.sim.users.size)
    expect(tokenGrants()).toEqual(['password', 'refresh_token'])
    expect(client.stats().tokenRefreshes).toBe(1)
  })
})

describe('ReltioClient against the simulator: expired tokens', () => {
  it('refreshes after a 401 invalid_token and repeats the call', async () => {
    const client = await world.connect()
    world.sim.expireTokens()

    await client.listUsers()
    const statuses = world.sim.requests.map(
      (r) => `${r.method} ${r.path} ${r.status}`
    )
    expect(statuses).toEqual([
      'POST /oauth/token 200',
      'GET /oauth/users 401',
      'POST /oauth/token 200',
      'GET /oauth/users 200'
    ])
  })

  it('shares one new token between calls that met the same 401', async () => {
    const client = await world.connect()
    world.sim.expireTokens()
    const names = [...world.sim.users.keys()].slice(0, 6)

    await Promise.all(names.map((name) => client.getUser(name)))
    expect(tokenGrants()).toEqual(['client_credentials', 'client_credentials'])
  })

  it('fails when a fresh token is rejected as well', async () => {
    const client = await world.connect()
    world.sim.expireTokens()
    const rejected = JSON.stringify({ error: 'invalid_token' })
    world.sim.scriptFault({
      path: '/oauth/users',
      status: 401,
      body: rejected,
      times: 2
    })

    const error = await failure(client.listUsers())
    expect(error.status).toBe(401)
    expect(error.message).toContain('GET /oauth/users (401 invalid_token)')
  })
})

describe('ReltioClient against the simulator: credential errors', () => {
  it('names the client-id and client-secret inputs for a wrong secret', async () => {
    const error = await failure(
      world.connect({ clientSecret: 'not-the-secret' })
    )
    expect(error.message).toBe(
      'Reltio rejected the client credentials (401 unauthorized at POST /oauth/token). Check the client-id and client-secret inputs.'
    )
    expect(error.status).toBe(401)
  })

  it('names the username and password inputs for a wrong password', async () => {
    const admin = world.sim.adminUser
    if (admin === null)
      throw new Error('the seeded simulator has an admin user')
    const error = await failure(
      world.connect({ username: admin.username, password: 'wrong' })
    )
    expect(error.message).toBe(
      'Reltio rejected the username or password (400 invalid_grant at POST /oauth/token). Check the username and password inputs.'
    )
  })

  it('names the auth-url input when nothing listens there', async () => {
    const url = await closedLoopbackUrl()
    const error = await failure(world.connect({ authUrl: url }))
    expect(error.message).toBe(
      `Cannot reach auth-url ${url}: ECONNREFUSED. Check the auth-url input and the network.`
    )
    expect(world.seen.sleeps).toEqual([])
  })

  it('names the tenant-url input when nothing listens there', async () => {
    const url = `${await closedLoopbackUrl()}/reltio/api/acmeTenant`
    const client = await world.connect({ tenantUrl: url, maxRetries: 2 })
    const query = { username: 'a', sinceMs: 0, max: 10 }

    const error = await failure(client.searchActivities(query))
    expect(error.message).toBe(
      `Cannot reach tenant-url ${url}: ECONNREFUSED. Check the tenant-url input and the network.`
    )
    expect(client.stats().retries).toBe(2)
  })

  it('retries a throttled token request and keeps the secret out of the log', async () => {
    const lines: string[] = []
    world.sim.scriptFault({ path: '/oauth/token', status: 429 })
    const client = await world.connect({
      log: { debug: (line) => lines.push(line) }
    })

    expect(client.stats()).toMatchObject({ retries: 1, throttled: 1 })
    const log = lines.join('\n')
    for (const secret of [
      world.sim.adminClient.clientSecret,
      ...world.seen.tokens
    ]) {
      expect(log).not.toContain(secret)
    }
  })
})
