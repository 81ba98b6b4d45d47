import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { basic, call, readJson, type TokenBody } from './reltio-fetch.ts'

let sim: ReltioSimulator

beforeEach(async () => {
  sim = await startReltioSimulator({ seed: { count: 40 } })
})
afterEach(() => sim.close())

function postToken(
  params: Record<string, string>,
  headers: Record<string, string> = {},
  inQuery = false
) {
  const form = new URLSearchParams(params).toString()
  const url = `${sim.url}/oauth/token${inQuery ? `?${form}` : ''}`
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers
    },
    body: inQuery ? undefined : form
  })
}

const adminBasic = () =>
  basic(sim.adminClient.clientId, sim.adminClient.clientSecret)

function passwordParams() {
  const user = sim.adminUser
  if (!user) throw new Error('the seeded customer has no admin user')
  return { grant_type: 'password', ...user }
}

describe('POST /oauth/token', () => {
  it('issues a client-credentials token in the documented shape', async () => {
    const response = await postToken(
      { grant_type: 'client_credentials' },
      { authorization: adminBasic() },
      true
    )
    const body = await readJson<TokenBody>(response)

    expect(response.status).toBe(200)
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3599 })
    expect(body.scope).toMatch(/^\w+( \w+)+$/)
    expect(body.access_token.split('.')).toHaveLength(3)
    expect(body.access_token.length).toBeGreaterThan(500)
    expect(body).not.toHaveProperty('refresh_token')
  })

  it('accepts client credentials in the form body', async () => {
    const response = await postToken({
      grant_type: 'client_credentials',
      client_id: sim.adminClient.clientId,
      client_secret: sim.adminClient.clientSecret
    })
    expect(response.status).toBe(200)
  })

  it('gives password and refresh grants a refresh token', async () => {
    const auth = { authorization: adminBasic() }
    const first = await readJson<TokenBody>(
      await postToken(passwordParams(), auth)
    )
    expect(first.refresh_token).toEqual(expect.any(String))

    const refreshed = await postToken(
      {
        grant_type: 'refresh_token',
        refresh_token: String(first.refresh_token)
      },
      auth
    )
    const body = await readJson<TokenBody>(refreshed)
    expect(refreshed.status).toBe(200)
    expect(body.access_token).not.toBe(first.access_token)
    expect(body.refresh_token).toEqual(expect.any(String))
  })

  it('answers 400 invalid_grant for a wrong password', async () => {
    const params = { ...passwordParams(), password: 'wrong' }
    const response = await postToken(params, { authorization: adminBasic() })
    expect(response.status).toBe(400)
    expect(await readJson(response)).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid Username or Password'
    })
  })

  it('refuses the password grant to a disabled user', async () => {
    const params = passwordParams()
    const user = sim.users.get(params.username)
    if (user) user.enabled = false
    const response = await postToken(params, { authorization: adminBasic() })
    expect(response.status).toBe(400)
    expect((await readJson(response)).error).toBe('invalid_grant')
  })

  it.each([
    ['no client authentication', {}],
    [
      'a wrong client secret',
      { authorization: basic('sim-admin-client', 'x') }
    ],
    [
      'an unknown client',
      { authorization: basic('nobody', 'sim-admin-secret') }
    ]
  ])('answers 401 unauthorized for %s', async (_, headers) => {
    const response = await postToken(
      { grant_type: 'client_credentials' },
      headers
    )
    expect(response.status).toBe(401)
    expect(await readJson(response)).toEqual({
      error: 'unauthorized',
      error_description:
        'Full authentication is required to access this resource'
    })
  })

  it('answers 400 for an unsupported grant type', async () => {
    const auth = { authorization: adminBasic() }
    const response = await postToken({ grant_type: 'implicit' }, auth)
    expect(response.status).toBe(400)
    expect((await readJson(response)).error).toBe('unsupported_grant_type')
  })

  it('answers 429 above tokenRateLimitPerSecond', async () => {
    sim.setSwitches({ tokenRateLimitPerSecond: 2 })
    const auth = { authorization: adminBasic() }
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const response = await postToken(
          { grant_type: 'client_credentials' },
          auth
        )
        return response.status
      })
    )
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2)
    expect(statuses).toContain(429)
  })
})

describe('bearer check', () => {
  async function adminToken(lifetime?: number) {
    if (lifetime) sim.setSwitches({ tokenLifetimeSeconds: lifetime })
    const auth = { authorization: adminBasic() }
    return readJson<TokenBody>(await postToken(passwordParams(), auth))
  }

  it('answers 401 unauthorized without a bearer token', async () => {
    const response = await fetch(`${sim.url}/oauth/users`)
    expect(response.status).toBe(401)
    expect((await readJson(response)).error).toBe('unauthorized')
  })

  it('answers 401 invalid_token for an unknown token', async () => {
    const response = await call(`${sim.url}/oauth/users`, 'not-a-token')
    expect(response.status).toBe(401)
    expect(await readJson(response)).toEqual({
      error: 'invalid_token',
      error_description: 'Token is invalid: not-a-token'
    })
  })

  it('rejects every token after expireTokens() but honours refresh', async () => {
    const issued = await adminToken()
    sim.expireTokens()

    const expired = await call(
      `${sim.tenantUrl}/activities`,
      issued.access_token
    )
    expect(expired.status).toBe(401)
    expect((await readJson(expired)).error).toBe('invalid_token')

    const auth = { authorization: adminBasic() }
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: String(issued.refresh_token)
    }
    const renewed = await readJson<TokenBody>(await postToken(refresh, auth))
    const again = await call(`${sim.url}/oauth/users`, renewed.access_token)
    expect(again.status).toBe(200)
  })

  it('expires a token after its lifetime', async () => {
    const issued = await adminToken(1)
    expect(issued.expires_in).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const response = await call(`${sim.url}/oauth/users`, issued.access_token)
    expect(response.status).toBe(401)
  })
})
