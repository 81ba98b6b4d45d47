import { describe, expect, it } from 'vitest'
import {
  generateCustomer,
  SEED_MIX,
  type SeedKind
} from '../../sim/reltio/seed.ts'

const NOW = Date.parse('2025-06-01T00:00:00Z')
const DAY = 86_400_000
const SPECIALS = 7

const customer = generateCustomer({ count: SPECIALS + 1000, seed: 3, now: NOW })

function usersOf(kind: SeedKind) {
  return customer.users.filter(
    (u) => customer.kinds.get(String(u.username)) === kind
  )
}

function idleDays(user: Record<string, unknown>): number {
  const last = user.lastLoginDate
  const ms = typeof last === 'string' ? Date.parse(last) : Number(last)
  return (NOW - ms) / DAY
}

describe('generateCustomer', () => {
  it('generates the same customer for the same options', () => {
    const again = generateCustomer({
      count: SPECIALS + 1000,
      seed: 3,
      now: NOW
    })
    expect(again.users).toEqual(customer.users)
    expect(again.activities).toEqual(customer.activities)
    expect(again.auditEvents).toEqual(customer.auditEvents)
  })

  it('generates a different customer for another seed', () => {
    const other = generateCustomer({ count: 50, seed: 4, now: NOW })
    const names = (users: Array<Record<string, unknown>>) =>
      users.map((u) => u.username)
    expect(names(other.users)).not.toEqual(names(customer.users.slice(0, 50)))
  })

  it('holds exactly the SEED_MIX shares in every 100 dealt users', () => {
    expect(customer.users).toHaveLength(SPECIALS + 1000)
    for (const [kind, perHundred] of Object.entries(SEED_MIX)) {
      expect(usersOf(kind as SeedKind), kind).toHaveLength(perHundred * 10)
    }
  })

  it('gives every user a unique username', () => {
    const names = new Set(customer.users.map((u) => u.username))
    expect(names.size).toBe(customer.users.length)
  })

  it('includes the identities the default clients act as', () => {
    const byName = new Map(customer.users.map((u) => [u.username, u]))
    const admin = byName.get('sim-admin-client')
    expect(
      Object.keys((admin?.userPermissions as { roles: object }).roles)
    ).toContain('ROLE_ADMIN_CUSTOMER')
    expect(byName.has('sim-readonly-client')).toBe(true)
    expect(customer.passwords).toEqual({
      'admin@acmecorp.example': 'sim-admin-password'
    })
  })

  it('places the edge users on the bucket edges', () => {
    const dates = (kind: SeedKind) => usersOf(kind).map((u) => u.lastLoginDate)
    expect(dates('boundary')).toEqual([NOW - 90 * DAY, NOW - 90 * DAY + 1])
    expect(dates('future')).toEqual([NOW + 30 * DAY])
    expect(dates('unreadable')).toEqual(['last tuesday'])
  })

  it.each([
    ['active', 0, 60],
    ['quiet', 61, 75],
    ['approaching', 76, 89.5],
    ['candidate', 91, 730]
  ] as const)('dates %s users %i to %i days back', (kind, min, max) => {
    for (const user of usersOf(kind)) {
      expect(idleDays(user)).toBeGreaterThanOrEqual(min)
      expect(idleDays(user)).toBeLessThanOrEqual(max)
    }
  })

  it('writes the odd shapes a real tenant has', () => {
    expect(usersOf('neverLoggedIn').every((u) => !('lastLoginDate' in u))).toBe(
      true
    )
    expect(usersOf('disabled').every((u) => u.enabled === false)).toBe(true)
    expect(usersOf('sso').every((u) => u.externalUser === true)).toBe(true)
    expect(
      usersOf('isoDate').every((u) => typeof u.lastLoginDate === 'string')
    ).toBe(true)
    expect(usersOf('nullDate').every((u) => u.lastLoginDate === null)).toBe(
      true
    )
    for (const user of usersOf('sparse')) {
      expect(Object.keys(user).sort()).toEqual([
        'customer',
        'email',
        'enabled',
        'lastLoginDate',
        'username'
      ])
    }
    const services = usersOf('serviceAccount')
    expect(services.every((u) => String(u.username).startsWith('svc-'))).toBe(
      true
    )
    const grouped = services.filter((u) =>
      (u.groups as string[]).includes('SERVICE_ACCOUNTS')
    )
    expect(grouped.length).toBe(services.length / 2)
  })

  it('mixes unicode names, unknown nested fields and suffixed admin roles', () => {
    const all = customer.users
    expect(all.some((u) => /[^\p{ASCII}]/u.test(String(u.username)))).toBe(true)
    expect(
      all.some((u) => typeof u.profile === 'object' && 'tenants' in u)
    ).toBe(true)
    const roles = usersOf('admin').flatMap((u) =>
      Object.keys((u.userPermissions as { roles: object }).roles)
    )
    expect(roles).toEqual(
      expect.arrayContaining([
        'ROLE_ADMIN_CUSTOMER',
        'ROLE_ADMIN_TENANT_acmeTenant',
        'ROLE_ADMIN_USER',
        'ROLE_API'
      ])
    )
  })

  it('gives some candidates recent activity and recent audit logins', () => {
    const candidates = new Set(usersOf('candidate').map((u) => u.username))
    const recent = (at: number) => NOW - at < 30 * DAY
    const active = customer.activities.filter(
      (a) => candidates.has(a.user) && recent(a.timestamp)
    )
    const logins = customer.auditEvents.filter(
      (e) =>
        candidates.has(e.username) &&
        e.eventType === 'LOGIN' &&
        recent(e.timestamp)
    )
    expect(active.length).toBe(candidates.size / 5)
    expect(logins.length).toBe(candidates.size / 5)
  })
})
