import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { failure } from '../support/reltio-failure.ts'
import { ReltioClient, createReltioClient } from '../../src/reltio/client.ts'
import {
  AUTH_URL,
  mockReltio,
  networkError,
  replyToken,
  tokenBody,
  type MockReltio
} from './mock-reltio.ts'

interface Seen {
  headers: Record<string, string>
  body: string
}

function seen(opts: { headers?: unknown; body?: unknown }): Seen {
  return {
    headers: opts.headers as Record<string, string>,
    body: typeof opts.body === 'string' ? opts.body : ''
  }
}

function formOf(request: Seen | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request?.body ?? ''))
}

let mock: MockReltio
beforeEach(() => {
  mock = mockReltio()
})
afterEach(async () => {
  mock.agent.assertNoPendingInterceptors()
  await mock.agent.close()
})

/** Records token requests and answers each with the next body. */
function tokenEndpoint(answers: Array<[number, object]>): Seen[] {
  const requests: Seen[] = []
  for (const [status, body] of answers) {
    mock.auth
      .intercept({ path: '/oauth/token', method: 'POST' })
      .reply((opts) => {
        requests.push(seen(opts))
        return { statusCode: status, data: body }
      })
  }
  return requests
}

function usersEndpoint(times = 1): Seen[] {
  const requests: Seen[] = []
  mock.auth
    .intercept({ path: '/oauth/users', method: 'GET' })
    .reply((opts) => {
      requests.push(seen(opts))
      return { statusCode: 200, data: [] }
    })
    .times(times)
  return requests
}

describe('ReltioClient authentication', () => {
  it('asks for client credentials with a Basic header and masks the token', async () => {
    const requests = tokenEndpoint([[200, tokenBody('tok-1')]])
    const client = await createReltioClient(mock.options())

    const basic = Buffer.from('client-a:secret-a').toString('base64')
    expect(requests[0]?.headers.authorization).toBe(`Basic ${basic}`)
    expect(requests[0]?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded'
    )
    expect(formOf(requests[0])).toEqual({ grant_type: 'client_credentials' })
    expect(mock.tokens).toContain('tok-1')
    expect(client.identity).toBe('client-a')
  })

  it('uses the password grant when a username and password are set', async () => {
    const body = tokenBody('tok-1', { refresh_token: 'ref/1+x' })
    const requests = tokenEndpoint([[200, body]])
    const client = await createReltioClient(
      mock.options({ username: 'svc@acme.com', password: 'pw' })
    )

    expect(formOf(requests[0])).toEqual({
      grant_type: 'password',
      username: 'svc@acme.com',
      password: 'pw'
    })
    expect(client.identity).toBe('svc@acme.com')
    expect(mock.tokens).toEqual(
      expect.arrayContaining(['ref/1+x', 'ref%2F1%2Bx'])
    )
  })

  it('shares one token fetch between concurrent calls', async () => {
    tokenEndpoint([[200, tokenBody('tok-1')]])
    usersEndpoint(5)
    const client = new ReltioClient(mock.options())

    await Promise.all(Array.from({ length: 5 }, () => client.listUsers()))
    expect(client.stats()).toMatchObject({ requests: 6, tokenRefreshes: 0 })
  })

  it('fetches a new token shortly before the old one expires', async () => {
    let clock = 0
    const requests = tokenEndpoint([
      [200, tokenBody('tok-1')],
      [200, tokenBody('tok-2')]
    ])
    const calls = usersEndpoint(3)
    const client = await createReltioClient(mock.options({ now: () => clock }))

    await client.listUsers()
    clock = 3538_000
    await client.listUsers()
    clock = 3540_000
    await client.listUsers()

    expect(calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-2'
    ])
    expect(formOf(requests[1]).grant_type).toBe('client_credentials')
    expect(client.stats().tokenRefreshes).toBe(1)
  })

  it('renews with the refresh token when it has one', async () => {
    let clock = 0
    const requests = tokenEndpoint([
      [200, tokenBody('tok-1', { refresh_token: 'ref-1' })],
      [200, tokenBody('tok-2')]
    ])
    usersEndpoint()
    const client = await createReltioClient(
      mock.options({ username: 'u', password: 'p', now: () => clock })
    )

    clock = 4000_000
    await client.listUsers()
    expect(formOf(requests[1])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'ref-1'
    })
  })

  it('falls back to a new grant when the refresh token is refused', async () => {
    let clock = 0
    const requests = tokenEndpoint([
      [200, tokenBody('tok-1', { refresh_token: 'ref-1' })],
      [400, { error: 'invalid_grant', error_description: 'expired' }],
      [200, tokenBody('tok-2')]
    ])
    const calls = usersEndpoint()
    const client = await createReltioClient(
      mock.options({ username: 'u', password: 'p', now: () => clock })
    )

    clock = 4000_000
    await client.listUsers()
    expect(formOf(requests[2]).grant_type).toBe('password')
    expect(calls[0]?.headers.authorization).toBe('Bearer tok-2')
  })

  it('refreshes once after a 401 invalid_token and repeats the call', async () => {
    tokenEndpoint([
      [200, tokenBody('tok-1')],
      [200, tokenBody('tok-2')]
    ])
    mock.auth
      .intercept({ path: '/oauth/users', method: 'GET' })
      .reply(401, { error: 'invalid_token', error_description: 'tok-1' })
    const calls = usersEndpoint()
    const client = await createReltioClient(mock.options())

    await expect(client.listUsers()).resolves.toEqual([])
    expect(calls[0]?.headers.authorization).toBe('Bearer tok-2')
    expect(client.stats().tokenRefreshes).toBe(1)
  })

  it('fails when the fresh token is rejected too, without quoting it', async () => {
    tokenEndpoint([
      [200, tokenBody('tok-1')],
      [200, tokenBody('tok-2')]
    ])
    const rejected = {
      error: 'invalid_token',
      error_description: 'Token tok-2'
    }
    mock.auth
      .intercept({ path: '/oauth/users', method: 'GET' })
      .reply(401, rejected)
      .times(2)
    const client = await createReltioClient(mock.options())

    const error = await failure(client.listUsers())
    expect(error.status).toBe(401)
    expect(error.message).toContain('GET /oauth/users (401 invalid_token)')
    expect(error.message).not.toContain('tok-2')
  })

  it('does not refresh on a 401 without invalid_token', async () => {
    tokenEndpoint([[200, tokenBody('tok-1')]])
    mock.auth
      .intercept({ path: '/oauth/users', method: 'GET' })
      .reply(401, { error: 'unauthorized' })
    const client = await createReltioClient(mock.options())

    expect((await failure(client.listUsers())).status).toBe(401)
    expect(client.stats().tokenRefreshes).toBe(0)
  })
})

describe('ReltioClient token errors', () => {
  it('names the client-id and client-secret inputs on a 401', async () => {
    tokenEndpoint([[401, { error: 'unauthorized' }]])
    const error = await failure(createReltioClient(mock.options()))
    expect(error.message).toBe(
      'Reltio rejected the client credentials (401 unauthorized at POST /oauth/token). Check the client-id and client-secret inputs.'
    )
  })

  it('names the username and password inputs on invalid_grant', async () => {
    tokenEndpoint([[400, { error: 'invalid_grant' }]])
    const error = await failure(
      createReltioClient(mock.options({ username: 'u', password: 'p' }))
    )
    expect(error.message).toContain('Check the username and password inputs.')
    expect(error.status).toBe(400)
  })

  it('retries the token request after a 429 only', async () => {
    tokenEndpoint([
      [429, { error: 'too_many_requests' }],
      [200, tokenBody('tok-1')]
    ])
    const client = await createReltioClient(mock.options())
    expect(client.stats()).toMatchObject({ retries: 1, throttled: 1 })

    tokenEndpoint([[503, {}]])
    const error = await failure(createReltioClient(mock.options()))
    expect(error.status).toBe(503)
  })

  it('names the auth-url input when the host refuses connections', async () => {
    mock.auth
      .intercept({ path: '/oauth/token', method: 'POST' })
      .replyWithError(networkError('ECONNREFUSED'))
    const error = await failure(createReltioClient(mock.options()))
    expect(error.message).toBe(
      `Cannot reach auth-url ${AUTH_URL}: ECONNREFUSED. Check the auth-url input and the network.`
    )
  })

  it('keeps tokens out of the debug log', async () => {
    replyToken(mock, 'tok-secret-1')
    usersEndpoint()
    const client = await createReltioClient(mock.options())
    await client.listUsers()

    expect(mock.debug).toEqual([
      expect.stringMatching(/^POST \/oauth\/token 200 \d+ ms$/),
      expect.stringMatching(/^GET \/oauth\/users 200 \d+ ms$/)
    ])
    expect(mock.debug.join('\n')).not.toContain('tok-secret-1')
  })
})
