/**
 * The Reltio client the action uses: users, password policy, activity log
 * and audit export, over the request core with token handling.
 */
import { setTimeout as delay } from 'node:timers/promises'
import { Agent, type Dispatcher } from 'undici'
import { ConfigError } from '../errors.js'
import { TokenSource } from './auth.js'
import { HttpCore } from './http.js'
import { createLimiter } from './limiter.js'
import { Pacer } from './pacer.js'
import { defaultRetryDelayMs } from './retry.js'
import {
  ActivityListSchema,
  AuditExportSchema,
  PasswordPolicySchema,
  ReltioUserListSchema,
  ReltioUserSchema,
  type Activity,
  type AuditLoginEvent
} from './schemas.js'
import { ReltioSession, type CallSpec } from './session.js'
import type { RawReltioUser, ReltioApi, ReltioStats } from './types.js'
import { isReltioUser, isReltioUserList } from './user-check.js'

/** How to reach Reltio and how hard to push it. */
export interface ReltioClientOptions {
  authUrl: string
  tenantUrl: string | null
  clientId: string
  clientSecret: string
  username: string | null
  password: string | null
  /** Requests in flight at most, token requests included. */
  concurrency: number
  /** Per attempt; default 30 s. */
  timeoutMs?: number
  /** Retries per call after the first attempt; default 5. */
  maxRetries?: number
  /** Backoff before retry `attempt` (1-based) when there is no Retry-After. */
  retryDelayMs?: (attempt: number) => number
  sleep?: (ms: number) => Promise<void>
  /** Epoch ms; drives token expiry and HTTP-date Retry-After. */
  now?: () => number
  /** Defaults to a keep-alive Agent that `close()` shuts. */
  dispatcher?: Dispatcher
  /** Receives every secret value (tokens, raw and URI-encoded) at once. */
  onToken?: (token: string) => void
  log?: { debug(message: string): void }
}

/** A password policy: the known fields plus everything else. */
type RawPasswordPolicy = Awaited<ReturnType<ReltioApi['getPasswordPolicy']>>

/** Reltio's search returns at most this many activity records. */
const MAX_ACTIVITIES = 10_000

/** Reltio's API as the action calls it; see ReltioApi for each method. */
export class ReltioClient implements ReltioApi {
  readonly identity: string
  readonly #http: HttpCore
  readonly #auth: TokenSource
  readonly #session: ReltioSession
  readonly #ownDispatcher: Dispatcher | null

  constructor(opts: ReltioClientOptions) {
    const now = opts.now ?? Date.now
    const sleep = opts.sleep ?? ((ms: number) => delay(ms))
    const debug = (message: string): void => opts.log?.debug(message)
    const authUrl = normalizeBaseUrl(opts.authUrl, 'auth-url')
    const tenantUrl = opts.tenantUrl
      ? normalizeBaseUrl(opts.tenantUrl, 'tenant-url')
      : null
    const dispatcher = opts.dispatcher ?? createDefaultAgent()

    // The token speaks for the user only under the password grant.
    this.identity =
      opts.username !== null && opts.password !== null
        ? opts.username
        : opts.clientId
    this.#ownDispatcher = opts.dispatcher ? null : dispatcher
    this.#http = new HttpCore({
      dispatcher,
      limiter: createLimiter(opts.concurrency),
      pacer: new Pacer({ now, sleep }),
      timeoutMs: opts.timeoutMs ?? 30_000,
      maxRetries: opts.maxRetries ?? 5,
      retryDelayMs: opts.retryDelayMs ?? defaultRetryDelayMs,
      sleep,
      now,
      debug
    })
    this.#auth = new TokenSource({
      http: this.#http,
      authUrl,
      credentials: opts,
      now,
      onToken: opts.onToken ?? (() => undefined),
      debug
    })
    this.#session = new ReltioSession({
      http: this.#http,
      auth: this.#auth,
      targets: { 'auth-url': authUrl, 'tenant-url': tenantUrl },
      identity: this.identity
    })
  }

  /** Fetches the first token, so bad credentials fail before anything else. */
  async authenticate(): Promise<void> {
    await this.#auth.getToken()
  }

  async listUsers(): Promise<RawReltioUser[]> {
    const response = await this.#session.callOk({
      method: 'GET',
      input: 'auth-url',
      path: '/oauth/users'
    })
    return this.#session.readOriginal(
      response,
      ReltioUserListSchema,
      isReltioUserList
    )
  }

  async getUser(username: string): Promise<RawReltioUser | null> {
    const spec: CallSpec = {
      method: 'GET',
      input: 'auth-url',
      path: userPath(username)
    }
    const response = await this.#session.call(spec)
    if (response.status === 404) return null
    this.#session.check(response, spec)
    return this.#session.readOriginal(response, ReltioUserSchema, isReltioUser)
  }

  async putUser(username: string, user: RawReltioUser): Promise<RawReltioUser> {
    const response = await this.#session.callOk({
      method: 'PUT',
      input: 'auth-url',
      path: userPath(username),
      json: user
    })
    return this.#session.readOriginal(response, ReltioUserSchema, isReltioUser)
  }

  async getPasswordPolicy(customerId: string): Promise<RawPasswordPolicy> {
    const response = await this.#session.callOk({
      method: 'GET',
      input: 'auth-url',
      path: policyPath(customerId)
    })
    return this.#session.readOriginal(response, PasswordPolicySchema)
  }

  async putPasswordPolicy(
    customerId: string,
    policy: RawPasswordPolicy
  ): Promise<RawPasswordPolicy> {
    const response = await this.#session.callOk({
      method: 'PUT',
      input: 'auth-url',
      path: policyPath(customerId),
      json: policy
    })
    // Reltio documents no body for this answer; an empty one means the
    // policy was stored as sent.
    if (response.text.trim() === '') return policy
    return this.#session.readOriginal(response, PasswordPolicySchema)
  }

  async searchActivities(query: {
    username: string
    sinceMs: number
    max: number
  }): Promise<Activity[]> {
    const { username, sinceMs } = query
    const max = Math.min(Math.max(1, Math.floor(query.max)), MAX_ACTIVITIES)
    const filter = `(${actorFilter(username)} and gte(timestamp,${sinceMs}))`
    const response = await this.#session.callOk({
      method: 'GET',
      input: 'tenant-url',
      path: '/activities',
      query: { filter, max: String(max) }
    })
    return this.#session.readOriginal(response, ActivityListSchema)
  }

  async exportLoginEvents(query: {
    customerId: string | null
    usernames: string[]
    startMs: number
    endMs: number
  }): Promise<AuditLoginEvent[]> {
    // With no usernames the export would cover every user of the customer.
    if (query.usernames.length === 0) return []
    const response = await this.#session.callOk({
      method: 'POST',
      input: 'auth-url',
      path: '/audit/export',
      json: auditRequest(query)
    })
    return this.#session.read(response, AuditExportSchema)
  }

  stats(): ReltioStats {
    return { ...this.#http.counters, tokenRefreshes: this.#auth.refreshes }
  }

  /** Closes the keep-alive connections of the client's own dispatcher. */
  async close(): Promise<void> {
    await this.#ownDispatcher?.close()
  }
}

/** Creates the client and fetches its first token. */
export async function createReltioClient(
  opts: ReltioClientOptions
): Promise<ReltioClient> {
  const client = new ReltioClient(opts)
  try {
    await client.authenticate()
  } catch (error) {
    await client.close()
    throw error
  }
  return client
}

/**
 * Reltio's docs show the actor under `user` in some records and `userId`
 * in others; asking for either keeps a renamed key from hiding activity.
 * Quotes in a value are doubled; Reltio documents no escape for them.
 */
function actorFilter(username: string): string {
  const quoted = username.replaceAll("'", "''")
  return `(equals(user,'${quoted}') or equals(userId,'${quoted}'))`
}

function userPath(username: string): string {
  return `/oauth/users/${encodeURIComponent(username)}`
}

function policyPath(customerId: string): string {
  return `/oauth/customers/${encodeURIComponent(customerId)}/passwordPolicy`
}

/** The audit export body; Reltio takes the window in Unix seconds. */
function auditRequest(query: {
  customerId: string | null
  usernames: string[]
  startMs: number
  endMs: number
}): Record<string, unknown> {
  return {
    ...(query.customerId === null ? {} : { customerId: query.customerId }),
    usernames: query.usernames,
    events: ['LOGIN', 'LOGIN_SSO'],
    startTimestamp: Math.floor(query.startMs / 1000),
    endTimestamp: Math.ceil(query.endMs / 1000),
    format: 'json'
  }
}

/** The URL without trailing slashes, or a ConfigError naming the input. */
function normalizeBaseUrl(value: string, input: string): string {
  const trimmed = value.trim().replace(/\/+$/, '')
  const protocol = URL.canParse(trimmed) ? new URL(trimmed).protocol : null
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ConfigError(
      `The ${input} input "${value}" is not an http(s) URL. Set it to the Reltio address, such as https://auth.reltio.com.`
    )
  }
  return trimmed
}

/**
 * Keep-alive sockets for the many small calls of a run. Idle ones close
 * after 4 s, before common server idle limits (Node's is 5 s), so a POST,
 * which is not retried after a reset, rarely meets a socket closed under it.
 */
function createDefaultAgent(): Agent {
  return new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 60_000 })
}
