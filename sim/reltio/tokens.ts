/**
 * Access and refresh tokens. Access tokens look like Reltio's JWTs (three
 * base64url parts, about a kilobyte) but are opaque to clients: the
 * simulator only looks them up.
 */
import { randomBytes, randomUUID } from 'node:crypto'

const REFRESH_LIFETIME_MS = 28 * 86_400_000
const SCOPE = [
  'configuration_api',
  'entities_api',
  'graphs_api',
  'groups_api',
  'interactions_api',
  'relations_api',
  'users_api'
].join(' ')

/** Who a token speaks for: a client itself, or a user through a client. */
export interface TokenSubject {
  clientId: string
  /** Set for the password and refresh grants. */
  username: string | null
  customer: string
}

interface IssuedToken {
  subject: TokenSubject
  expiresAt: number
}

/** The success body of `POST /oauth/token`. */
export interface TokenResponseBody {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  scope: string
  refresh_token?: string
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

function jwtLike(subject: TokenSubject, expiresAt: number): string {
  const header = base64url({ alg: 'RS256', typ: 'JWT' })
  const payload = base64url({
    sub: subject.username ?? subject.clientId,
    client_id: subject.clientId,
    customer: subject.customer,
    scope: SCOPE.split(' '),
    exp: Math.floor(expiresAt / 1000),
    jti: randomUUID()
  })
  return `${header}.${payload}.${randomBytes(512).toString('base64url')}`
}

/** Issues, checks, refreshes and revokes tokens. */
export class TokenStore {
  private access = new Map<string, IssuedToken>()
  private refresh = new Map<string, IssuedToken>()

  /** A new token; password and refresh grants also get a refresh token. */
  issue(subject: TokenSubject, lifetimeSeconds: number, now: number) {
    const expiresAt = now + lifetimeSeconds * 1000
    const token = jwtLike(subject, expiresAt)
    this.access.set(token, { subject, expiresAt })
    const body: TokenResponseBody = {
      access_token: token,
      token_type: 'bearer',
      expires_in: lifetimeSeconds,
      scope: SCOPE
    }
    if (subject.username === null) return body
    const refreshToken = randomUUID()
    const refreshExpiresAt = now + REFRESH_LIFETIME_MS
    this.refresh.set(refreshToken, { subject, expiresAt: refreshExpiresAt })
    return { ...body, refresh_token: refreshToken }
  }

  /** The subject of a live access token, or null. */
  check(token: string, now: number): TokenSubject | null {
    const issued = this.access.get(token)
    return issued && issued.expiresAt > now ? issued.subject : null
  }

  /** The subject of a live refresh token issued to this client, or null. */
  redeem(token: string, clientId: string, now: number): TokenSubject | null {
    const issued = this.refresh.get(token)
    if (!issued || issued.expiresAt <= now) return null
    return issued.subject.clientId === clientId ? issued.subject : null
  }

  /** Makes every access token answer as expired; refresh tokens stay. */
  expireAll(): void {
    for (const issued of this.access.values()) issued.expiresAt = 0
  }

  /** Revokes a user's tokens, as a PUT of that user does by default. */
  revokeUser(username: string): void {
    for (const store of [this.access, this.refresh]) {
      for (const [token, issued] of store) {
        if (issued.subject.username === username) store.delete(token)
      }
    }
  }
}
