/**
 * Activity-log records and security-audit events for a generated customer.
 * Some candidates get recent entries that their lastLoginDate does not show,
 * so the action's activity and audit checks have users to spare.
 */
import { pick, randomHex, type Random } from './prng.ts'
import type { SeedKind } from './seed-mix.ts'
import { DAY_MS, daysAgo, type SeedContext } from './seed-users.ts'
import type { ActivityRecord, AuditEvent, SimUser } from './types.ts'

const HOT_WINDOW_MS = 120 * DAY_MS
const AUDIT_WINDOW_MS = 365 * DAY_MS

/** The seeded log entries of a customer. */
export interface SeededEvents {
  activities: ActivityRecord[]
  auditEvents: AuditEvent[]
}

function activity(
  ctx: SeedContext,
  user: string,
  label: string,
  timestamp: number
): ActivityRecord {
  const id = randomHex(ctx.random, 8)
  const uri = `activities/${id}-${randomHex(ctx.random, 4)}-${randomHex(ctx.random, 12)}`
  if (label === 'USER_LOGIN') {
    return { uri, user, label, description: '', timestamp, items: [] }
  }
  // Label and item layout follow the activity-log docs' example record.
  const item = {
    id: randomHex(ctx.random, 10),
    method: 'POST',
    url: `/reltio/api/${ctx.tenantId}/entities/${id}`,
    clientType: 'API',
    objectUri: `entities/${id}`,
    objectType: 'configuration/entityTypes/Organization',
    objectLabel: `Organization ${id}`,
    timestamp,
    data: { type: 'ENTITY_CHANGED' }
  }
  return {
    uri,
    user,
    label,
    description: 'Entity changed',
    timestamp,
    items: [item]
  }
}

function auditEvent(
  ctx: SeedContext,
  username: string,
  eventType: string,
  timestamp: number
): AuditEvent {
  const random: Random = ctx.random
  const octet = () => Math.floor(random() * 254) + 1
  return {
    timestamp,
    username,
    customerId: ctx.customerId,
    eventType,
    ip: `10.${octet()}.${octet()}.${octet()}`,
    userAgent: pick(random, ['Mozilla/5.0', 'reltio-client/2.4', 'curl/8.5'])
  }
}

function numericLogin(user: SimUser): number | null {
  const value = user.lastLoginDate
  if (typeof value === 'number') return value
  if (typeof value !== 'string') return null
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? null : parsed
}

/** Creates the log entries, in a fixed order for a fixed input. */
export function seedEvents(
  ctx: SeedContext,
  users: Array<{ kind: SeedKind; user: SimUser }>
): SeededEvents {
  const out: SeededEvents = { activities: [], auditEvents: [] }
  const ordinals = new Map<SeedKind, number>()
  for (const { kind, user } of users) {
    const ordinal = ordinals.get(kind) ?? 0
    ordinals.set(kind, ordinal + 1)
    addLoginEvents(ctx, user, out)
    addKindEvents(ctx, { kind, ordinal, username: String(user.username) }, out)
  }
  out.activities.sort((a, b) => b.timestamp - a.timestamp)
  out.auditEvents.sort((a, b) => a.timestamp - b.timestamp)
  return out
}

function addLoginEvents(ctx: SeedContext, user: SimUser, out: SeededEvents) {
  const login = numericLogin(user)
  if (login === null || login > ctx.now) return
  const username = String(user.username)
  const event = user.externalUser === true ? 'LOGIN_SSO' : 'LOGIN'
  if (ctx.now - login <= AUDIT_WINDOW_MS) {
    out.auditEvents.push(auditEvent(ctx, username, event, login))
  }
  if (ctx.now - login <= HOT_WINDOW_MS) {
    out.activities.push(activity(ctx, username, 'USER_LOGIN', login))
  }
}

function addKindEvents(
  ctx: SeedContext,
  who: { kind: SeedKind; ordinal: number; username: string },
  out: SeededEvents
) {
  const { kind, ordinal, username } = who
  const recent = () => daysAgo(ctx, 1, 20)
  if (kind === 'active') {
    out.activities.push(activity(ctx, username, 'ENTITY_CHANGED', recent()))
  }
  if (kind === 'sso' && ordinal % 2 === 0) {
    out.auditEvents.push(auditEvent(ctx, username, 'LOGIN_SSO', recent()))
  }
  if (kind !== 'candidate') return
  const variant = ordinal % 5
  if (variant === 0) {
    out.activities.push(activity(ctx, username, 'ENTITY_CHANGED', recent()))
  } else if (variant === 1) {
    out.auditEvents.push(auditEvent(ctx, username, 'LOGIN', recent()))
  } else if (variant === 2) {
    // Older than the default four-month window: found only with a bound.
    const old = daysAgo(ctx, 150, 200)
    out.activities.push(activity(ctx, username, 'ENTITY_CHANGED', old))
  } else if (variant === 3) {
    // A failed login is no sign of use and must not spare the user.
    out.auditEvents.push(auditEvent(ctx, username, 'LOGIN_FAILED', recent()))
  }
}
