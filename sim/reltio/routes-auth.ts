/**
 * `POST /oauth/token`: client authentication (Basic header, or client_id
 * and client_secret in the body), and the password, client_credentials and
 * refresh_token grants, with parameters from the form body or the query.
 */
import { FULL_AUTHENTICATION, json, oauthError, type Reply } from './http.ts'
import type { RouteContext } from './route-context.ts'
import type { SimState } from './state.ts'
import type { TokenSubject } from './tokens.ts'
import type { ClientConfig } from './types.ts'

/** Issues a token, or answers with Reltio's OAuth error bodies. */
export function tokenRoute(ctx: RouteContext): Reply {
  const params = tokenParams(ctx)
  const client = authenticateClient(ctx, params)
  if (!client) return oauthError(401, 'unauthorized', FULL_AUTHENTICATION)

  const subject = grantSubject(ctx.state, client, params)
  if ('error' in subject) return subject.error
  const { switches, tokens } = ctx.state
  return json(
    200,
    tokens.issue(subject, switches.tokenLifetimeSeconds, Date.now())
  )
}

// Query first, then the form body, so the body wins on a conflict (not
// documented). Reltio's own code sends the grant in the query.
function tokenParams(ctx: RouteContext): Map<string, string> {
  const params = new Map(ctx.query)
  const form = ctx.body.value
  if (form && typeof form === 'object' && !Array.isArray(form)) {
    for (const [key, value] of Object.entries(form)) {
      if (typeof value === 'string') params.set(key, value)
    }
  }
  return params
}

function authenticateClient(
  ctx: RouteContext,
  params: Map<string, string>
): ClientConfig | null {
  const basic = parseBasic(ctx.headers.authorization)
  const clientId = basic?.id ?? params.get('client_id')
  const secret = basic?.secret ?? params.get('client_secret')
  const client = clientId ? ctx.state.clients.get(clientId) : undefined
  return client && client.clientSecret === secret ? client : null
}

function parseBasic(header: string | undefined) {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

type GrantResult = TokenSubject | { error: Reply }

function grantSubject(
  state: SimState,
  client: ClientConfig,
  params: Map<string, string>
): GrantResult {
  const customer = client.customer ?? state.customerId
  const grant = params.get('grant_type')
  if (grant === 'client_credentials') {
    return { clientId: client.clientId, username: null, customer }
  }
  if (grant === 'password') return passwordGrant(state, client, params)
  if (grant === 'refresh_token') {
    const token = params.get('refresh_token') ?? ''
    const subject = state.tokens.redeem(token, client.clientId, Date.now())
    return subject ?? invalidGrant(`Invalid refresh token: ${token}`)
  }
  const error = oauthError(
    400,
    'unsupported_grant_type',
    `Unsupported grant type: ${grant ?? ''}`
  )
  return { error }
}

function passwordGrant(
  state: SimState,
  client: ClientConfig,
  params: Map<string, string>
): GrantResult {
  const user = state.users.find(params.get('username') ?? '')
  const username = String(user?.username ?? '')
  const expected = state.passwords.get(username)
  if (!user || expected === undefined || expected !== params.get('password')) {
    return invalidGrant('Invalid Username or Password')
  }
  if (user.enabled === false) return invalidGrant('User is disabled')
  if (user.accountNonLocked === false) {
    return invalidGrant('User account is locked')
  }
  const customer = String(user.customer ?? state.customerId)
  return { clientId: client.clientId, username, customer }
}

function invalidGrant(description: string): { error: Reply } {
  return { error: oauthError(400, 'invalid_grant', description) }
}
