/**
 * User management on the auth server: list, get and full-replace PUT of
 * users, and the customer password policy.
 */
import { authError, json, type Reply } from './http.ts'
import { callerOf, type RouteContext } from './route-context.ts'
import { DEFAULT_PASSWORD_POLICY, isUserAdmin, type Caller } from './state.ts'
import type { SimUser } from './types.ts'

/** Fields Reltio maintains itself; a PUT cannot change them. */
const READ_ONLY_FIELDS = [
  'lastLoginDate',
  'passwordChangedDate',
  'numberFailedLoginAttempts',
  'firstLogin'
]

/** `GET /oauth/users`: every user the caller's customer holds, one array. */
export function listUsers(ctx: RouteContext): Reply {
  const caller = callerOf(ctx)
  return json(200, ctx.state.users.listJson(caller.customer))
}

/** `GET /oauth/users/{username}`: by username or email. */
export function getUser(ctx: RouteContext): Reply {
  const name = ctx.params[0] ?? ''
  const user = visibleUser(ctx, name)
  return user ? json(200, user) : notFound(name)
}

/** `PUT /oauth/users/{username}`: replaces the whole user. */
export function putUser(ctx: RouteContext): Reply {
  const caller = callerOf(ctx)
  const name = ctx.params[0] ?? ''
  if (!isUserAdmin(caller)) return forbidden(caller, `update user ${name}`)
  const stored = visibleUser(ctx, name)
  if (!stored) return notFound(name)

  const body = ctx.body.value
  if (ctx.body.invalidJson || !isObject(body)) {
    return authError(400, 'Request body must be one user object')
  }
  if (body.username !== stored.username) {
    return authError(400, `Username in the body does not match ${name}`)
  }
  const replaced = keepReadOnlyFields(body, stored)
  ctx.state.users.put(replaced)
  // The skipTokenRevocation flag implies that a PUT revokes by default.
  if (ctx.query.get('skipTokenRevocation') !== 'true') {
    ctx.state.tokens.revokeUser(String(stored.username))
  }
  return json(200, replaced)
}

/** `GET /oauth/customers/{id}/passwordPolicy`. */
export function getPasswordPolicy(ctx: RouteContext): Reply {
  const customerId = ctx.params[0] ?? ''
  const policy = ctx.state.policies.get(customerId)
  return policy ? json(200, policy) : customerNotFound(customerId)
}

/** `PUT /oauth/customers/{id}/passwordPolicy`; unset fields take defaults. */
export function putPasswordPolicy(ctx: RouteContext): Reply {
  const caller = callerOf(ctx)
  const customerId = ctx.params[0] ?? ''
  if (!caller.roles.includes('ROLE_ADMIN_CUSTOMER')) {
    return forbidden(caller, `update password policy of ${customerId}`)
  }
  if (!ctx.state.policies.has(customerId)) return customerNotFound(customerId)
  const body = ctx.body.value
  if (ctx.body.invalidJson || !isObject(body)) {
    return authError(400, 'Request body must be a password policy object')
  }
  const policy = { ...DEFAULT_PASSWORD_POLICY, ...body }
  ctx.state.policies.set(customerId, policy)
  return json(200, policy)
}

function keepReadOnlyFields(body: SimUser, stored: SimUser): SimUser {
  const writable = Object.entries(body).filter(
    ([field]) => !READ_ONLY_FIELDS.includes(field)
  )
  const kept = READ_ONLY_FIELDS.filter((field) => field in stored).map(
    (field) => [field, stored[field]]
  )
  return Object.fromEntries([...writable, ...kept])
}

function visibleUser(ctx: RouteContext, name: string): SimUser | undefined {
  const user = ctx.state.users.find(name)
  const customer = callerOf(ctx).customer
  if (!user || (user.customer !== undefined && user.customer !== customer)) {
    return undefined
  }
  return user
}

function isObject(value: unknown): value is SimUser {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function notFound(name: string): Reply {
  return authError(404, `User ${name} is not found`)
}

function customerNotFound(customerId: string): Reply {
  return authError(404, `Customer ${customerId} is not found`)
}

function forbidden(caller: Caller, action: string): Reply {
  const message = `User ${caller.name} does not have enough access privileges to ${action}`
  return authError(403, message)
}
