/**
 * The fixed users every generated customer starts with: the identities the
 * default clients act as, and single users on the edges of the buckets.
 */
import { ADMIN_CLIENT, adminUsername, READONLY_CLIENT } from './identities.ts'
import { baseUser, DAY_MS, daysAgo, withRoles } from './seed-users.ts'
import type { SeedContext } from './seed-users.ts'
import type { SeedKind } from './seed-mix.ts'
import type { SimUser } from './types.ts'

/** A special user and the kind it stands for. */
export interface SpecialUser {
  kind: SeedKind
  user: SimUser
}

function identityUsers(ctx: SeedContext): SimUser[] {
  const roles = (...names: string[]) =>
    Object.fromEntries(names.map((name) => [name, [ctx.tenantId]]))
  // Token requests do not move lastLoginDate (an inference: Reltio's docs
  // are silent), so the busy admin client looks idle. Only the action's
  // self-exclusion and its role keep it off the candidate list.
  const adminClient = {
    ...baseUser(
      ctx,
      0,
      daysAgo(ctx, 200, 201),
      `sim-admin-client@${ctx.domain}`
    ),
    username: ADMIN_CLIENT.clientId
  }
  const readonlyClient = {
    ...baseUser(
      ctx,
      1,
      daysAgo(ctx, 1, 2),
      `sim-readonly-client@${ctx.domain}`
    ),
    username: READONLY_CLIENT.clientId
  }
  const admin = baseUser(
    ctx,
    2,
    daysAgo(ctx, 1, 3),
    adminUsername(ctx.customerId)
  )
  return [
    withRoles(adminClient, roles('ROLE_ADMIN_CUSTOMER', 'ROLE_API')),
    readonlyClient,
    withRoles(admin, roles('ROLE_ADMIN_CUSTOMER', 'ROLE_USER'))
  ]
}

function edgeUsers(ctx: SeedContext): SpecialUser[] {
  const exactly90Days = ctx.now - 90 * DAY_MS
  const at = (index: number, lastLoginDate: unknown): SimUser => ({
    ...baseUser(ctx, index, ctx.now - DAY_MS),
    lastLoginDate
  })
  return [
    { kind: 'future', user: at(3, ctx.now + 30 * DAY_MS) },
    { kind: 'unreadable', user: at(4, 'last tuesday') },
    { kind: 'boundary', user: at(5, exactly90Days) },
    { kind: 'boundary', user: at(6, exactly90Days + 1) }
  ]
}

/** The special users, in a fixed order; they take the first indexes. */
export function specialUsers(ctx: SeedContext): SpecialUser[] {
  const identities = identityUsers(ctx).map((user) => ({
    kind: 'identity' as const,
    user
  }))
  return [...identities, ...edgeUsers(ctx)]
}
