import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startReltioSimulator,
  type ReltioSimulator,
  type SimUser
} from '../../sim/reltio/server.ts'
import {
  basic,
  call,
  readJson,
  tokenFor,
  type TokenBody
} from './reltio-fetch.ts'

const JANE = {
  customer: 'AcmeCorp',
  username: 'jane@acme.example',
  email: 'Jane.Doe@Acme.Example',
  enabled: true,
  userPermissions: { roles: { ROLE_USER: ['acmeTenant'] }, permissions: {} },
  groups: ['SALES'],
  lastLoginDate: 1_700_000_000_000,
  passwordChangedDate: 1_600_000_000_000,
  numberFailedLoginAttempts: 2,
  firstLogin: true,
  profile: { nested: { kept: true } }
}
const OTHER_CUSTOMER = {
  ...JANE,
  customer: 'Other',
  username: 'o@x.example',
  email: 'o@x.example'
}

let sim: ReltioSimulator
let admin: string

beforeEach(async () => {
  sim = await startReltioSimulator({
    users: [structuredClone(JANE), OTHER_CUSTOMER],
    passwords: { 'jane@acme.example': 'pw' }
  })
  admin = await tokenFor(sim)
})
afterEach(() => sim.close())

const userUrl = (name: string) =>
  `${sim.url}/oauth/users/${encodeURIComponent(name)}`

describe('GET /oauth/users', () => {
  it("returns the caller's customer as one plain array", async () => {
    const response = await call(`${sim.url}/oauth/users`, admin)
    expect(response.status).toBe(200)
    expect(await readJson(response)).toEqual([JANE])
  })

  it('serves edits made to the live users map', async () => {
    await call(`${sim.url}/oauth/users`, admin)
    const jane = sim.users.get(JANE.username)
    if (jane) jane.lastLoginDate = 1_800_000_000_000
    const response = await call(`${sim.url}/oauth/users`, admin)
    const [served] = await readJson<SimUser[]>(response)
    expect(served?.lastLoginDate).toBe(1_800_000_000_000)
  })
})

describe('GET /oauth/users/{username}', () => {
  it.each([JANE.username, 'jane.doe@acme.example'])(
    'finds the user by %s',
    async (name) => {
      const response = await call(userUrl(name), admin)
      expect(response.status).toBe(200)
      expect((await readJson<SimUser>(response)).username).toBe(JANE.username)
    }
  )

  it('answers 404 in the auth error shape for an unknown user', async () => {
    const response = await call(userUrl('ghost'), admin)
    expect(response.status).toBe(404)
    expect(await readJson(response)).toEqual({
      errorCode: 404,
      errorMessage: 'User ghost is not found'
    })
  })

  it("hides another customer's users", async () => {
    const response = await call(userUrl(OTHER_CUSTOMER.username), admin)
    expect(response.status).toBe(404)
  })
})

describe('PUT /oauth/users/{username}', () => {
  it('replaces the user but keeps the read-only fields', async () => {
    const { groups: _dropped, ...rest } = JANE
    const body = {
      ...rest,
      enabled: false,
      lastLoginDate: 1,
      firstLogin: false
    }
    const response = await call(userUrl(JANE.username), admin, {
      method: 'PUT',
      json: body
    })
    const stored = sim.users.get(JANE.username)

    expect(response.status).toBe(200)
    expect(await readJson(response)).toEqual(stored)
    expect(stored).toMatchObject({
      enabled: false,
      lastLoginDate: JANE.lastLoginDate
    })
    expect(stored?.firstLogin).toBe(true)
    expect(stored).not.toHaveProperty('groups')
  })

  it('answers 403 to a caller without an admin role', async () => {
    const readonly = await tokenFor(sim, sim.readonlyClient)
    const response = await call(userUrl(JANE.username), readonly, {
      method: 'PUT',
      json: { ...JANE, enabled: false }
    })
    expect(response.status).toBe(403)
    expect(await readJson(response)).toEqual({
      errorCode: 403,
      errorMessage: `User sim-readonly-client does not have enough access privileges to update user ${JANE.username}`
    })
    expect(sim.users.get(JANE.username)?.enabled).toBe(true)
  })

  it.each([
    ['an array', [JANE]],
    ['another username', { ...JANE, username: 'someone@else' }],
    ['a string', 'enabled=false']
  ])('answers 400 to a body that is %s', async (_, json) => {
    const response = await call(userUrl(JANE.username), admin, {
      method: 'PUT',
      json
    })
    expect(response.status).toBe(400)
    expect((await readJson(response)).errorCode).toBe(400)
  })

  it("revokes the user's tokens unless skipTokenRevocation is set", async () => {
    const form = 'grant_type=password&username=jane@acme.example&password=pw'
    const login = async () => {
      const response = await fetch(`${sim.url}/oauth/token?${form}`, {
        method: 'POST',
        headers: {
          authorization: basic('sim-admin-client', 'sim-admin-secret')
        }
      })
      return (await readJson<TokenBody>(response)).access_token
    }
    const put = (query: string) =>
      call(`${userUrl(JANE.username)}${query}`, admin, {
        method: 'PUT',
        json: JANE
      })

    const kept = await login()
    await put('?skipTokenRevocation=true')
    expect((await call(userUrl(JANE.username), kept)).status).toBe(200)

    await put('')
    expect((await call(userUrl(JANE.username), kept)).status).toBe(401)
  })
})

describe('/oauth/customers/{id}/passwordPolicy', () => {
  const policyUrl = (id = 'AcmeCorp') =>
    `${sim.url}/oauth/customers/${id}/passwordPolicy`

  it('serves the default policy', async () => {
    const policy = await readJson<{ passwordRules: unknown[] }>(
      await call(policyUrl(), admin)
    )
    expect(policy).toMatchObject({
      inactivePeriodInDays: 120,
      expirePeriodInDays: 180,
      numberOfFailedLoginAttempts: 5
    })
    expect(policy.passwordRules.length).toBeGreaterThan(0)
  })

  it('stores a PUT over the defaults and returns it', async () => {
    const response = await call(policyUrl(), admin, {
      method: 'PUT',
      json: { inactivePeriodInDays: 90 }
    })
    expect(response.status).toBe(200)
    expect(await readJson(response)).toMatchObject({
      inactivePeriodInDays: 90,
      expirePeriodInDays: 180
    })
    expect(sim.passwordPolicy.inactivePeriodInDays).toBe(90)
  })

  it('answers 403 to the read-only client on PUT', async () => {
    const readonly = await tokenFor(sim, sim.readonlyClient)
    const response = await call(policyUrl(), readonly, {
      method: 'PUT',
      json: { inactivePeriodInDays: 1 }
    })
    expect(response.status).toBe(403)
    expect(sim.passwordPolicy.inactivePeriodInDays).toBe(120)
  })

  it('answers 404 for an unknown customer', async () => {
    const response = await call(policyUrl('Nobody'), admin)
    expect(response.status).toBe(404)
    expect((await readJson(response)).errorMessage).toBe(
      'Customer Nobody is not found'
    )
  })
})

describe('routing', () => {
  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    expect((await call(`${sim.url}/oauth/nothing`, admin)).status).toBe(404)
    const deleted = await call(userUrl(JANE.username), admin, {
      method: 'DELETE'
    })
    expect(deleted.status).toBe(405)
  })
})
