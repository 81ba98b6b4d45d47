/**
 * Builds the users of a generated customer, one kind at a time, in the
 * shape of reltio-api.md's ReltioUser example.
 */
import { pick, randomInt, type Random } from './prng.ts'
import type { DeckKind } from './seed-mix.ts'
import type { SimUser } from './types.ts'

export const DAY_MS = 86_400_000

/** What every builder needs: the PRNG, the clock and the customer. */
export interface SeedContext {
  random: Random
  now: number
  customerId: string
  tenantId: string
  domain: string
}

const FIRST = ['anna', 'ben', 'chloe', 'david', 'emma', 'farid', 'grace']
const MORE_FIRST = ['hiro', 'ines', 'jon', 'kemal', 'lena', 'mateo', 'nora']
const LAST = ['adams', 'baker', 'costa', 'dubois', 'evans', 'fischer', 'gupta']
const MORE_LAST = ['hansen', 'ito', 'jensen', 'kowalski', 'lopez', 'meyer']
const FIRST_NAMES = [...FIRST, ...MORE_FIRST]
const LAST_NAMES = [...LAST, ...MORE_LAST]

// Non-ASCII and markdown-hostile local parts: the report and issue must
// escape and encode them correctly.
const UNICODE_NAMES = ['zoë.müller', 'łukasz.wąsik', 'josé.garcía', '李伟']
const MORE_UNICODE = ['björn.ågren', 'ayşe.yılmaz', 'мария.иванова']
const TRICKY_NAMES = ["o'brien", 'pipe|user', 'star*user_x', 'back`tick']
const LOCALES = ['en', 'de', 'fr', 'ja', 'pt-BR']
const TIMEZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo']

/** A time `minDays`..`maxDays` days before now, at a random moment. */
export function daysAgo(ctx: SeedContext, minDays: number, maxDays: number) {
  const span = (maxDays - minDays) * DAY_MS
  return ctx.now - minDays * DAY_MS - Math.floor(ctx.random() * span)
}

function localPart(ctx: SeedContext, index: number): string {
  if (index % 50 === 25) return `${pick(ctx.random, TRICKY_NAMES)}.${index}`
  if (index % 17 === 3) {
    return `${pick(ctx.random, [...UNICODE_NAMES, ...MORE_UNICODE])}.${index}`
  }
  const first = pick(ctx.random, FIRST_NAMES)
  return `${first}.${pick(ctx.random, LAST_NAMES)}.${index}`
}

/** A plain ROLE_USER with a login `lastLogin` (epoch ms) or none. */
export function baseUser(
  ctx: SeedContext,
  index: number,
  lastLogin: number | null,
  email = `${localPart(ctx, index)}@${ctx.domain}`
): SimUser {
  // Every 13th user logs in with a bare name, so lookups by email matter.
  const username = index % 13 === 7 ? email.slice(0, email.indexOf('@')) : email
  const changed =
    (lastLogin ?? ctx.now) - randomInt(ctx.random, 0, 200) * DAY_MS
  const user: SimUser = {
    customer: ctx.customerId,
    username,
    email,
    enabled: true,
    accountNonExpired: true,
    credentialsNonExpired: true,
    accountNonLocked: true,
    externalUser: false,
    locale: pick(ctx.random, LOCALES),
    timezone: pick(ctx.random, TIMEZONES),
    userPermissions: {
      roles: { ROLE_USER: [ctx.tenantId] },
      permissions: {},
      permissionsByService: {}
    },
    groups: [],
    encrypted: true,
    passwordChangedDate: changed,
    ...(lastLogin === null ? {} : { lastLoginDate: lastLogin }),
    numberFailedLoginAttempts: 0,
    // The portal schema describes firstLogin as "logged at least once".
    firstLogin: lastLogin !== null,
    dbUserId: 100_000 + index
  }
  return user
}

/** A copy of the user holding exactly these roles. */
export function withRoles(
  user: SimUser,
  roles: Record<string, string[]>
): SimUser {
  const permissions = user.userPermissions as Record<string, unknown>
  return { ...user, userPermissions: { ...permissions, roles } }
}

// `ordinal` counts users of one kind, so each variant takes an exact share.
function neverLoggedIn(ctx: SeedContext, index: number, ordinal: number) {
  const user = baseUser(ctx, index, null)
  const variant = ordinal % 3
  if (variant === 0) user.passwordChangedDate = daysAgo(ctx, 200, 900)
  if (variant === 1) user.passwordChangedDate = daysAgo(ctx, 1, 30)
  if (variant === 2) delete user.passwordChangedDate
  return user
}

function disabled(ctx: SeedContext, index: number, ordinal: number) {
  const idle = ordinal % 2 === 0
  const lastLogin = idle ? daysAgo(ctx, 100, 900) : daysAgo(ctx, 1, 60)
  return { ...baseUser(ctx, index, lastLogin), enabled: false }
}

function admin(ctx: SeedContext, index: number): SimUser {
  const role = pick(ctx.random, [
    'ROLE_ADMIN_CUSTOMER',
    `ROLE_ADMIN_TENANT_${ctx.tenantId}`,
    'ROLE_ADMIN_USER',
    'ROLE_API'
  ])
  const user = baseUser(ctx, index, daysAgo(ctx, 91, 400))
  return withRoles(user, { [role]: [ctx.tenantId], ROLE_USER: [ctx.tenantId] })
}

function serviceAccount(ctx: SeedContext, index: number, ordinal: number) {
  const job = pick(ctx.random, ['etl', 'sync', 'report', 'backup', 'ingest'])
  const name = `svc-${job}-${index}`
  const user = baseUser(
    ctx,
    index,
    daysAgo(ctx, 100, 700),
    `${name}@${ctx.domain}`
  )
  const inGroup = ordinal % 2 === 0
  return {
    ...user,
    username: name,
    groups: inGroup ? ['SERVICE_ACCOUNTS'] : []
  }
}

function sso(ctx: SeedContext, index: number): SimUser {
  return { ...baseUser(ctx, index, daysAgo(ctx, 91, 365)), externalUser: true }
}

function isoDate(ctx: SeedContext, index: number, ordinal: number) {
  const lastLogin = ordinal % 2 ? daysAgo(ctx, 5, 30) : daysAgo(ctx, 120, 300)
  const user = baseUser(ctx, index, lastLogin)
  return { ...user, lastLoginDate: new Date(lastLogin).toISOString() }
}

function nullDate(ctx: SeedContext, index: number): SimUser {
  const user = baseUser(ctx, index, null)
  return { ...user, lastLoginDate: null, passwordChangedDate: null }
}

function sparse(ctx: SeedContext, index: number): SimUser {
  const full = baseUser(ctx, index, daysAgo(ctx, 100, 300))
  const { username, email, customer, enabled, lastLoginDate } = full
  return { username, email, customer, enabled, lastLoginDate }
}

type Builder = (ctx: SeedContext, index: number, ordinal: number) => SimUser

const BUILDERS: Record<DeckKind, Builder> = {
  active: (ctx, i) => baseUser(ctx, i, daysAgo(ctx, 0, 60)),
  quiet: (ctx, i) => baseUser(ctx, i, daysAgo(ctx, 61, 75)),
  approaching: (ctx, i) => baseUser(ctx, i, daysAgo(ctx, 76, 89.5)),
  candidate: (ctx, i) => baseUser(ctx, i, daysAgo(ctx, 91, 730)),
  neverLoggedIn,
  disabled,
  admin,
  serviceAccount,
  sso,
  isoDate,
  nullDate,
  sparse
}

/** Builds the `ordinal`-th user of a kind, at `index` in the customer. */
export function buildUser(
  ctx: SeedContext,
  kind: DeckKind,
  position: { index: number; ordinal: number }
): SimUser {
  return BUILDERS[kind](ctx, position.index, position.ordinal)
}
