/**
 * An undici MockAgent standing in for Reltio in unit tests of the client's
 * own behaviour; nothing leaves the process.
 */
import { MockAgent, type MockPool } from 'undici'
import type { ReltioClientOptions } from '../../src/reltio/client.ts'

export const AUTH_URL = 'http://auth.reltio.test'
export const TENANT_ORIGIN = 'http://env.reltio.test'
export const TENANT_URL = `${TENANT_ORIGIN}/reltio/api/acmeTenant`

/** A MockAgent with net access off, plus its auth and tenant pools. */
export interface MockReltio {
  agent: MockAgent
  auth: MockPool
  tenant: MockPool
  /** Every delay the client asked to sleep, in order. */
  sleeps: number[]
  /** Every debug line the client logged. */
  debug: string[]
  /** Every secret handed to onToken. */
  tokens: string[]
  /** Client options wired to this mock, with zero backoff. */
  options(overrides?: Partial<ReltioClientOptions>): ReltioClientOptions
}

/** Starts a MockAgent; call `agent.close()` after the test. */
export function mockReltio(): MockReltio {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const sleeps: number[] = []
  const debug: string[] = []
  const tokens: string[] = []

  return {
    agent,
    auth: agent.get(AUTH_URL),
    tenant: agent.get(TENANT_ORIGIN),
    sleeps,
    debug,
    tokens,
    options: (overrides = {}) => ({
      authUrl: AUTH_URL,
      tenantUrl: TENANT_URL,
      clientId: 'client-a',
      clientSecret: 'secret-a',
      username: null,
      password: null,
      concurrency: 4,
      dispatcher: agent,
      retryDelayMs: () => 0,
      sleep: (ms) => {
        sleeps.push(ms)
        return Promise.resolve()
      },
      onToken: (token) => tokens.push(token),
      log: { debug: (message) => debug.push(message) },
      ...overrides
    })
  }
}

/** A token answer as Reltio sends it. */
export function tokenBody(
  accessToken: string,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3599,
    scope: 'users_api',
    ...extra
  }
}

/** Answers the next `times` token requests with `accessToken`. */
export function replyToken(
  mock: MockReltio,
  accessToken = 'tok-1',
  extra: Record<string, unknown> = {}
): void {
  mock.auth
    .intercept({ path: '/oauth/token', method: 'POST' })
    .reply(200, tokenBody(accessToken, extra))
}

/** A user object with fields the schema does not know, nested too. */
export function sampleUser(
  username = 'jdoe@acme.com'
): Record<string, unknown> {
  return {
    username,
    email: username,
    customer: 'AcmeCorp',
    enabled: true,
    externalUser: false,
    userPermissions: {
      roles: { ROLE_USER: ['acmeTenant'] },
      permissions: {},
      permissionsByService: { custom: { keep: [1, 2] } }
    },
    groups: [],
    lastLoginDate: 1712000000000,
    numberFailedLoginAttempts: 0,
    futureField: { nested: [{ a: null }] }
  }
}

/** An error as node:net raises it, with its code. */
export function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code })
}
