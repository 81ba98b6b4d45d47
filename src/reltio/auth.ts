/**
 * The OAuth token exchange with Reltio's auth server: the first grant,
 * refresh before expiry or after a rejected token, one fetch shared by all
 * callers, and every secret handed to `onToken` for masking.
 */
import { ReltioError } from '../errors.js'
import type { HttpCore, HttpResponse } from './http.js'
import { errorDetail, oauthErrorCode, readBody } from './responses.js'
import { THROTTLE_ONLY_RETRY } from './retry.js'
import { TokenResponseSchema } from './schemas.js'

/** Who the action authenticates as. */
export interface Credentials {
  clientId: string
  clientSecret: string
  username: string | null
  password: string | null
}

/** What the token source needs; the clock is injectable for tests. */
export interface TokenSourceOptions {
  http: HttpCore
  authUrl: string
  credentials: Credentials
  now: () => number
  onToken: (secret: string) => void
  debug: (message: string) => void
}

interface CurrentToken {
  accessToken: string
  refreshToken: string | null
  refreshAtMs: number
}

type GrantType = 'client_credentials' | 'password' | 'refresh_token'

/** Refresh this long before Reltio's stated expiry, so no call races it. */
const EXPIRY_MARGIN_SECONDS = 60

/** Hands out a valid access token and renews it when needed. */
export class TokenSource {
  /** Tokens fetched after the first one. */
  refreshes = 0
  readonly #options: TokenSourceOptions
  readonly #secrets = new Set<string>()
  #current: CurrentToken | null = null
  #pending: Promise<string> | null = null

  constructor(options: TokenSourceOptions) {
    this.#options = options
    const { clientSecret, password } = options.credentials
    this.#remember(clientSecret)
    if (password) this.#remember(password)
    this.#remember(basicCredentials(options.credentials))
  }

  /** A token that is not near expiry; concurrent callers share one fetch. */
  async getToken(): Promise<string> {
    const current = this.#current
    if (current && this.#options.now() < current.refreshAtMs) {
      return current.accessToken
    }
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = null
    })
    return this.#pending
  }

  /** Marks `token` as rejected by Reltio, unless it was already replaced. */
  invalidate(token: string): void {
    if (this.#current?.accessToken === token) {
      this.#current = { ...this.#current, refreshAtMs: -Infinity }
    }
  }

  /** The text with every secret this source knows replaced by ***. */
  redact = (text: string): string =>
    [...this.#secrets].reduce(
      (result, secret) => result.split(secret).join('***'),
      text
    )

  async #fetch(): Promise<string> {
    const refreshToken = this.#current?.refreshToken ?? null
    if (refreshToken !== null) {
      const response = await this.#post({
        grant_type: 'refresh_token',
        refresh_token: refreshToken
      })
      if (response.status === 200) return this.#accept(response)
      // A revoked or expired refresh token is no reason to fail the run
      // while the credentials themselves still work.
      if (response.status !== 400 && response.status !== 401) {
        throw this.#tokenError(response, 'refresh_token')
      }
      this.#options.debug('Reltio refused the refresh token; asking anew')
    }

    const { grant, form } = this.#primaryGrant()
    const response = await this.#post(form)
    if (response.status !== 200) throw this.#tokenError(response, grant)
    return this.#accept(response)
  }

  /** The password grant when a username and password are set. */
  #primaryGrant(): { grant: GrantType; form: Record<string, string> } {
    const { username, password } = this.#options.credentials
    if (username !== null && password !== null) {
      const form = { grant_type: 'password', username, password }
      return { grant: 'password', form }
    }
    const form = { grant_type: 'client_credentials' }
    return { grant: 'client_credentials', form }
  }

  #post(form: Record<string, string>): Promise<HttpResponse> {
    const { authUrl, credentials } = this.#options
    return this.#options.http.send({
      method: 'POST',
      url: new URL(`${authUrl}/oauth/token`),
      target: { input: 'auth-url', url: authUrl },
      headers: {
        authorization: `Basic ${basicCredentials(credentials)}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json'
      },
      body: new URLSearchParams(form).toString(),
      retry: THROTTLE_ONLY_RETRY,
      // Reltio limits token requests per IP on their own (10 per second).
      paced: false
    })
  }

  #accept(response: HttpResponse): string {
    const body = readBody(response, TokenResponseSchema, {
      redact: this.redact
    })
    this.#remember(body.access_token)
    if (body.refresh_token) this.#remember(body.refresh_token)

    if (this.#current !== null) this.refreshes++
    this.#current = {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? this.#current?.refreshToken ?? null,
      refreshAtMs: this.#refreshTime(body.expires_in)
    }
    return body.access_token
  }

  /** When to renew: a minute before expiry, or half-way for short tokens. */
  #refreshTime(expiresInSeconds: number | undefined): number {
    if (expiresInSeconds === undefined || !Number.isFinite(expiresInSeconds)) {
      return Infinity
    }
    const seconds = Math.max(
      expiresInSeconds - EXPIRY_MARGIN_SECONDS,
      expiresInSeconds / 2
    )
    return this.#options.now() + seconds * 1000
  }

  /** Hands a secret to the masker at once, raw and URI-encoded. */
  #remember(secret: string): void {
    if (secret === '' || this.#secrets.has(secret)) return
    this.#secrets.add(secret)
    this.#options.onToken(secret)
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) {
      this.#secrets.add(encoded)
      this.#options.onToken(encoded)
    }
  }

  #tokenError(response: HttpResponse, grant: GrantType): ReltioError {
    const { status, endpoint } = response
    const code = oauthErrorCode(response)
    const details = { status, endpoint }

    if (grant === 'password' && code === 'invalid_grant') {
      return new ReltioError(
        `Reltio rejected the username or password (${status} invalid_grant at ${endpoint}). Check the username and password inputs.`,
        details
      )
    }
    if (status === 401 || code === 'invalid_client') {
      return new ReltioError(
        `Reltio rejected the client credentials (${status} ${code ?? 'unauthorized'} at ${endpoint}). Check the client-id and client-secret inputs.`,
        details
      )
    }
    if (status === 429) {
      return new ReltioError(
        `Reltio kept rate-limiting ${endpoint} (429). Its token endpoint allows about 10 requests per second per IP address; try again later.`,
        { ...details, retryable: true }
      )
    }
    const detail = errorDetail(response, this.redact)
    return new ReltioError(
      `Reltio answered ${endpoint} with ${status}${detail ? ` (${detail})` : ''} for the ${grant} grant.`,
      details
    )
  }
}

function basicCredentials({ clientId, clientSecret }: Credentials): string {
  return Buffer.from(`${clientId}:${clientSecret}`).toString('base64')
}
