import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, ReltioError } from '../../src/errors.ts'
import { ReltioClient, createReltioClient } from '../../src/reltio/client.ts'
import type { RawReltioUser } from '../../src/reltio/types.ts'
import {
  mockReltio,
  replyToken,
  sampleUser,
  type MockReltio
} from './mock-reltio.ts'

let mock: MockReltio
beforeEach(() => {
  mock = mockReltio()
  replyToken(mock)
})
afterEach(async () => {
  mock.agent.assertNoPendingInterceptors()
  await mock.agent.close()
})

async function client(): Promise<ReltioClient> {
  return createReltioClient(mock.options())
}

describe('ReltioClient users', () => {
  it('returns the listed users exactly as received', async () => {
    const body = [sampleUser('a@x.com'), sampleUser('b@x.com')]
    mock.auth.intercept({ path: '/oauth/users' }).reply(200, body)

    const users = await (await client()).listUsers()
    expect(users).toStrictEqual(body)
  })

  it('rejects a list that is not one plain array', async () => {
    mock.auth
      .intercept({ path: '/oauth/users' })
      .reply(200, { users: [sampleUser()] })

    await expect((await client()).listUsers()).rejects.toThrow(
      'Reltio answered GET /oauth/users with an unexpected body: field the top level'
    )
  })

  it('reads one user by its encoded name and returns null on 404', async () => {
    mock.auth
      .intercept({ path: '/oauth/users/j%20doe%40acme.com' })
      .reply(200, sampleUser('j doe@acme.com'))
    mock.auth
      .intercept({ path: '/oauth/users/gone' })
      .reply(404, { errorCode: 404, errorMessage: 'User gone is not found' })
    const reltio = await client()

    const user = await reltio.getUser('j doe@acme.com')
    expect(user).toStrictEqual(sampleUser('j doe@acme.com'))
    await expect(reltio.getUser('gone')).resolves.toBeNull()
  })

  it('PUTs the whole object back and returns the answer', async () => {
    const original = sampleUser()
    let sent: unknown
    mock.auth
      .intercept({ path: '/oauth/users/jdoe%40acme.com', method: 'PUT' })
      .reply((opts) => {
        sent = JSON.parse(String(opts.body))
        return { statusCode: 200, data: String(opts.body) }
      })
    const changed = { ...original, enabled: false } as RawReltioUser

    const answer = await (await client()).putUser('jdoe@acme.com', changed)
    expect(sent).toStrictEqual({ ...original, enabled: false })
    expect(answer).toStrictEqual(changed)
  })

  it('says which roles are missing when a write is refused', async () => {
    mock.auth
      .intercept({ path: '/oauth/users/a', method: 'PUT' })
      .reply(403, { errorCode: 403, errorMessage: 'not enough privileges' })
    const reltio = await client()

    const error: unknown = await reltio
      .putUser('a', sampleUser('a') as RawReltioUser)
      .catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ReltioError)
    expect((error as ReltioError).status).toBe(403)
    expect((error as ReltioError).message).toBe(
      'Reltio refused PUT /oauth/users/a (403: not enough privileges): the identity client-a lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER, which this change needs. Grant one of them to client-a or use another client-id.'
    )
  })
})

describe('ReltioClient password policy', () => {
  const path = '/oauth/customers/AcmeCorp/passwordPolicy'

  it('reads the policy with its unknown fields', async () => {
    const policy = { inactivePeriodInDays: 90, passwordRules: [{ type: 'x' }] }
    mock.auth.intercept({ path }).reply(200, policy)

    const read = await (await client()).getPasswordPolicy('AcmeCorp')
    expect(read).toStrictEqual(policy)
  })

  it('writes the policy and accepts an empty answer', async () => {
    const policy = { inactivePeriodInDays: 45, expirePeriodInDays: 180 }
    let sent: unknown
    mock.auth.intercept({ path, method: 'PUT' }).reply((opts) => {
      sent = JSON.parse(String(opts.body))
      return { statusCode: 200, data: '' }
    })

    const stored = await (await client()).putPasswordPolicy('AcmeCorp', policy)
    expect(sent).toStrictEqual(policy)
    expect(stored).toStrictEqual(policy)
  })
})

describe('ReltioClient activity search', () => {
  it('filters by user and time and caps max at 10000', async () => {
    let query = new URLSearchParams()
    mock.tenant
      .intercept({
        path: (path) => {
          query = new URL(path, 'http://x').searchParams
          return path.startsWith('/reltio/api/acmeTenant/activities?')
        }
      })
      .reply(200, [{ userId: 'jdoe', label: 'USER_LOGIN', timestamp: 5 }])

    const activities = await (
      await client()
    ).searchActivities({
      username: 'jdoe',
      sinceMs: 1700000000000,
      max: 50000
    })
    expect(query.get('filter')).toBe(
      "((equals(user,'jdoe') or equals(userId,'jdoe')) and gte(timestamp,1700000000000))"
    )
    expect(query.get('max')).toBe('10000')
    expect(activities).toEqual([
      { userId: 'jdoe', label: 'USER_LOGIN', timestamp: 5 }
    ])
  })

  it('doubles quotes inside the username', async () => {
    let filter: string | null = null
    mock.tenant
      .intercept({
        path: (path) => {
          filter = new URL(path, 'http://x').searchParams.get('filter')
          return true
        }
      })
      .reply(200, [])

    const reltio = await client()
    await reltio.searchActivities({ username: "o'neil", sinceMs: 1, max: 1 })
    expect(filter).toContain("equals(user,'o''neil')")
  })

  it('needs the tenant-url input', async () => {
    const reltio = await createReltioClient(mock.options({ tenantUrl: null }))
    const search = reltio.searchActivities({
      username: 'a',
      sinceMs: 0,
      max: 1
    })

    await expect(search).rejects.toBeInstanceOf(ConfigError)
    await expect(search).rejects.toThrow('tenant-url')
  })
})

describe('ReltioClient audit export', () => {
  it('asks for login events in seconds and normalizes the answer', async () => {
    let sent: unknown
    mock.auth
      .intercept({ path: '/audit/export', method: 'POST' })
      .reply((opts) => {
        sent = JSON.parse(String(opts.body))
        const data = {
          events: [
            {
              user: 'a',
              timestamp: '2026-01-02T03:04:05Z',
              eventType: 'LOGIN'
            },
            { username: 'b', timestamp: 1767322800123, event: 'LOGIN_SSO' }
          ]
        }
        return { statusCode: 200, data }
      })

    const events = await (
      await client()
    ).exportLoginEvents({
      customerId: 'AcmeCorp',
      usernames: ['a', 'b'],
      startMs: 1767225600500,
      endMs: 1767312000500
    })
    expect(sent).toEqual({
      customerId: 'AcmeCorp',
      usernames: ['a', 'b'],
      events: ['LOGIN', 'LOGIN_SSO'],
      startTimestamp: 1767225600,
      endTimestamp: 1767312001,
      format: 'json'
    })
    expect(events).toEqual([
      {
        username: 'a',
        timestamp: Date.parse('2026-01-02T03:04:05Z'),
        event: 'LOGIN'
      },
      { username: 'b', timestamp: 1767322800123, event: 'LOGIN_SSO' }
    ])
  })

  it('asks nothing when there are no usernames', async () => {
    const reltio = await client()
    const query = { customerId: null, usernames: [], startMs: 0, endMs: 1 }

    await expect(reltio.exportLoginEvents(query)).resolves.toEqual([])
    expect(reltio.stats().requests).toBe(1)
  })
})

describe('ReltioClient options', () => {
  it('names an auth-url that is not an http(s) URL', async () => {
    expect(
      () => new ReltioClient(mock.options({ authUrl: 'auth.reltio.com' }))
    ).toThrow(ConfigError)
    expect(
      () => new ReltioClient(mock.options({ authUrl: 'ftp://x' }))
    ).toThrow('The auth-url input "ftp://x" is not an http(s) URL.')
    // The same options with a good URL connect (taking the token answer).
    const reltio = await createReltioClient(mock.options())
    await reltio.close()
  })

  it('ignores trailing slashes on the base URLs', async () => {
    mock.auth.intercept({ path: '/oauth/users' }).reply(200, [])
    const reltio = await createReltioClient(
      mock.options({ authUrl: 'http://auth.reltio.test//' })
    )
    await expect(reltio.listUsers()).resolves.toEqual([])
  })
})
