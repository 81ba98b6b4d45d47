import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { failure } from '../support/reltio-failure.ts'
import { createReltioClient } from '../../src/reltio/client.ts'
import {
  TENANT_ORIGIN,
  mockReltio,
  networkError,
  replyToken,
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

function users(): ReturnType<MockReltio['auth']['intercept']> {
  return mock.auth.intercept({ path: '/oauth/users', method: 'GET' })
}

describe('HttpCore retries', () => {
  it.each([429, 502, 503, 504])('retries a GET after %i', async (status) => {
    users().reply(status, {})
    users().reply(200, [])
    const client = await createReltioClient(mock.options())

    await expect(client.listUsers()).resolves.toEqual([])
    expect(client.stats()).toMatchObject({ requests: 3, retries: 1 })
  })

  it('counts 429 and 503 as throttling, not 502', async () => {
    users().reply(429, {})
    users().reply(503, {})
    users().reply(502, {})
    users().reply(200, [])
    const client = await createReltioClient(mock.options())

    await client.listUsers()
    expect(client.stats()).toMatchObject({ retries: 3, throttled: 2 })
  })

  it.each([400, 403, 404, 409, 500])('does not retry a %i', async (status) => {
    users().reply(status, { errorMessage: 'no' })
    const client = await createReltioClient(mock.options())

    const error = await failure(client.listUsers())
    expect(error.status).toBe(status)
    expect(client.stats().retries).toBe(0)
  })

  it('gives up after maxRetries and reports the last status', async () => {
    users().reply(503, { errorMessage: 'backpressure' }).times(3)
    const client = await createReltioClient(mock.options({ maxRetries: 2 }))

    const error = await failure(client.listUsers())
    expect(error.message).toBe(
      'Reltio answered GET /oauth/users with 503: backpressure: it is overloaded or rate-limiting. Lower the concurrency input or try again later.'
    )
    expect(client.stats().retries).toBe(2)
  })

  it('passes the 1-based retry number to retryDelayMs', async () => {
    users().reply(503, {}).times(3)
    users().reply(200, [])
    const asked: number[] = []
    const retryDelayMs = (attempt: number): number => {
      asked.push(attempt)
      return attempt * 10
    }
    const client = await createReltioClient(mock.options({ retryDelayMs }))

    await client.listUsers()
    expect(asked).toEqual([1, 2, 3])
    expect(mock.sleeps).toEqual([10, 20, 30])
  })

  it('waits as long as Retry-After asks, in seconds or as a date', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z')
    users().reply(429, {}, { headers: { 'retry-after': '7' } })
    users().reply(
      503,
      {},
      {
        headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:04 GMT' }
      }
    )
    users().reply(200, [])
    const client = await createReltioClient(
      mock.options({ now: () => now, retryDelayMs: () => 1 })
    )

    await client.listUsers()
    expect(mock.sleeps).toEqual([7000, 4000])
  })

  it('retries a GET after a connection reset', async () => {
    users().replyWithError(networkError('ECONNRESET'))
    users().reply(200, [])
    const client = await createReltioClient(mock.options())

    await expect(client.listUsers()).resolves.toEqual([])
    expect(client.stats().retries).toBe(1)
  })

  it('does not repeat a POST whose connection broke', async () => {
    mock.auth
      .intercept({ path: '/audit/export', method: 'POST' })
      .replyWithError(networkError('ECONNRESET'))
    const client = await createReltioClient(mock.options())

    const error = await failure(
      client.exportLoginEvents({
        customerId: 'AcmeCorp',
        usernames: ['a'],
        startMs: 0,
        endMs: 1000
      })
    )
    expect(error.message).toBe(
      'The connection to Reltio broke at POST /audit/export: ECONNRESET. Try again later or lower the concurrency input.'
    )
    expect(client.stats().retries).toBe(0)
  })

  it('retries the audit export after a 429 but not after a 503', async () => {
    const exports = (): ReturnType<MockReltio['auth']['intercept']> =>
      mock.auth.intercept({ path: '/audit/export', method: 'POST' })
    exports().reply(429, { errorMessage: 'too many synchronous requests' })
    exports().reply(200, [])
    exports().reply(503, {})
    const client = await createReltioClient(mock.options())
    const query = { customerId: null, usernames: ['a'], startMs: 0, endMs: 1 }

    await expect(client.exportLoginEvents(query)).resolves.toEqual([])
    expect((await failure(client.exportLoginEvents(query))).status).toBe(503)
    expect(client.stats().retries).toBe(1)
  })

  it('times out an attempt that gets no answer', async () => {
    users().reply(200, []).delay(2000)
    const client = await createReltioClient(
      mock.options({ timeoutMs: 5, maxRetries: 0 })
    )

    const error = await failure(client.listUsers())
    expect(error.message).toBe(
      'Reltio did not answer GET /oauth/users within 5 ms. Try again later or check the network.'
    )
    expect(error.retryable).toBe(true)
  })

  it('names the tenant-url input when that host is unreachable', async () => {
    mock.tenant
      .intercept({
        path: (path) => path.startsWith('/reltio/api/acmeTenant/activities')
      })
      .replyWithError(networkError('ENOTFOUND'))
    const client = await createReltioClient(mock.options())

    const query = { username: 'a', sinceMs: 0, max: 10 }
    const error = await failure(client.searchActivities(query))
    expect(error.message).toBe(
      `Cannot reach tenant-url ${TENANT_ORIGIN}/reltio/api/acmeTenant: ENOTFOUND. Check the tenant-url input and the network.`
    )
    expect(client.stats().retries).toBe(0)
  })
})
