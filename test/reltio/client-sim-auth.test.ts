import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReltioSimulator } from '../../sim/reltio/server.ts'
import { ReltioError } from '../../src/errors.ts'
import {
  createReltioClient,
  type ReltioClient
} from '../../src/reltio/client.ts'
import {
  closedLoopbackUrl,
  recorder,
  requestsTo,
  simOptions,
  startSim,
  type Recorder
} from './sim-client.ts'

let sim: ReltioSimulator
let seen: Recorder
const clients: ReltioClient[] = []

beforeEach(async () => {
  sim = await startSim()
  seen = recorder()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  await sim.close()
})

async function connect(
  overrides: Parameters<typeof simOptions>[2] = {}
): Promise<ReltioClient> {
  const client = await createReltioClient(simOptions(sim, seen, overrides))
  clients.push(client)
  return client
}

async function failure(promise: Promise<unknown>): Promise<ReltioError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(ReltioError)
  return error as ReltioError
}

function tokenGrants(): unknown[] {
  return requestsTo(sim, 'POST', '/oauth/token').map(
    (r) => (r.body as Record<string, unknown>).grant_type
  )
}

describe('ReltioClient against the simulator: grants', () => {
  it('lists every user with a client-credentials token', async () => {
    const client = await connect()
    const users = await client.listUsers()

    expect(users).toHaveLength(sim.users.size)
    expect(tokenGrants()).toEqual(['client_credentials'])
    expect(client.identity).toBe(sim.adminClient.clientId)
    const access = seen.tokens[seen.tokens.length - 1] ?? ''
    expect(access.length).toBeGreaterThan(100)
  })

  it('uses the password grant and renews with the refresh token', async () => {
    const admin = sim.adminUser
    if (admin === null)
      throw new Error('the seeded simulator has an admin user')
    const client = await connect({
      username: admin.username,
      password: admin.password
    })
    expect(client.identity).toBe(admin.username)

    sim.expireTokens()
    await expect(client.listUsers()).resolves.toHaveLength(sim.users.size)
    expect(tokenGrants()).toEqual(['password', 'refresh_token'])
    expect(client.stats().tokenRefreshes).toBe(1)
  })
})

describe('ReltioClient against the simulator: expired tokens', () => {
  it('refreshes after a 401 invalid_token and repeats the call', async () => {
    const client = await connect()
    sim.expireTokens()

    await client.listUsers()
    const statuses = sim.requests.map(
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
    const client = await connect()
    sim.expireTokens()
    const names = [...sim.users.keys()].slice(0, 6)

    await Promise.all(names.map((name) => client.getUser(name)))
    expect(tokenGrants()).toEqual(['client_credentials', 'client_credentials'])
  })

  it('fails when a fresh token is rejected as well', async () => {
    const client = await connect()
    sim.expireTokens()
    const rejected = JSON.stringify({ error: 'invalid_token' })
    sim.scriptFault({
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
    const error = await failure(connect({ clientSecret: 'not-the-secret' }))
    expect(error.message).toBe(
      'Reltio rejected the client credentials (401 unauthorized at POST /oauth/token). Check the client-id and client-secret inputs.'
    )
    expect(error.status).toBe(401)
  })

  it('names the username and password inputs for a wrong password', async () => {
    const admin = sim.adminUser
    if (admin === null)
      throw new Error('the seeded simulator has an admin user')
    const error = await failure(
      connect({ username: admin.username, password: 'wrong' })
    )
    expect(error.message).toBe(
      'Reltio rejected the username or password (400 invalid_grant at POST /oauth/token). Check the username and password inputs.'
    )
  })

  it('names the auth-url input when nothing listens there', async () => {
    const url = await closedLoopbackUrl()
    const error = await failure(connect({ authUrl: url }))
    expect(error.message).toBe(
      `Cannot reach auth-url ${url}: ECONNREFUSED. Check the auth-url input and the network.`
    )
    expect(seen.sleeps).toEqual([])
  })

  it('names the tenant-url input when nothing listens there', async () => {
    const url = `${await closedLoopbackUrl()}/reltio/api/acmeTenant`
    const client = await connect({ tenantUrl: url, maxRetries: 2 })
    const query = { username: 'a', sinceMs: 0, max: 10 }

    const error = await failure(client.searchActivities(query))
    expect(error.message).toBe(
      `Cannot reach tenant-url ${url}: ECONNREFUSED. Check the tenant-url input and the network.`
    )
    expect(client.stats().retries).toBe(2)
  })

  it('retries a throttled token request and keeps the secret out of the log', async () => {
    const lines: string[] = []
    sim.scriptFault({ path: '/oauth/token', status: 429 })
    const client = await connect({ log: { debug: (line) => lines.push(line) } })

    expect(client.stats()).toMatchObject({ retries: 1, throttled: 1 })
    const log = lines.join('\n')
    for (const secret of [sim.adminClient.clientSecret, ...seen.tokens]) {
      expect(log).not.toContain(secret)
    }
  })
})
