/**
 * Generates a synthetic Reltio customer: users with the odd cases a real
 * tenant has, in fixed shares (SEED_MIX), plus their log entries. The same
 * options always give the same customer: all randomness is seeded.
 */
import {
  ADMIN_USER_PASSWORD,
  adminUsername,
  customerDomain
} from './identities.ts'
import { createRandom } from './prng.ts'
import { seedEvents } from './seed-events.ts'
import { dealKinds, type DeckKind, type SeedKind } from './seed-mix.ts'
import { specialUsers } from './seed-specials.ts'
import { buildUser, type SeedContext } from './seed-users.ts'
import type { ActivityRecord, AuditEvent, SimUser } from './types.ts'

export { SEED_MIX, type SeedKind } from './seed-mix.ts'

/** Options of `generateCustomer`; all optional. */
export interface CustomerSeedOptions {
  /** Total users, special ones included (default 200). */
  count?: number
  seed?: number
  /** The clock the dates count back from (default: the real time). */
  now?: Date | number
  customerId?: string
  tenantId?: string
}

/** A generated customer and what each user stands for. */
export interface GeneratedCustomer {
  users: SimUser[]
  activities: ActivityRecord[]
  auditEvents: AuditEvent[]
  /** The kind each username was generated as. */
  kinds: Map<string, SeedKind>
  /** Password-grant credentials of the seeded admin. */
  passwords: Record<string, string>
}

/** Builds a customer deterministically from the options. */
export function generateCustomer(
  options: CustomerSeedOptions = {}
): GeneratedCustomer {
  const customerId = options.customerId ?? 'AcmeCorp'
  const seed = options.seed ?? 1
  const ctx: SeedContext = {
    random: createRandom(seed),
    now: new Date(options.now ?? Date.now()).getTime(),
    customerId,
    tenantId: options.tenantId ?? 'acmeTenant',
    domain: customerDomain(customerId)
  }
  const entries = generateUsers(ctx, options.count ?? 200)
  // A second stream keeps the users unchanged when event rules change.
  const events = seedEvents({ ...ctx, random: createRandom(seed + 1) }, entries)
  return {
    users: entries.map((entry) => entry.user),
    ...events,
    kinds: new Map(
      entries.map(({ kind, user }) => [String(user.username), kind])
    ),
    passwords: { [adminUsername(customerId)]: ADMIN_USER_PASSWORD }
  }
}

function generateUsers(ctx: SeedContext, count: number) {
  const specials = specialUsers(ctx).slice(0, count)
  const kinds = dealKinds(ctx.random, count - specials.length)
  const ordinals = new Map<DeckKind, number>()
  const dealt = kinds.map((kind, offset) => {
    const ordinal = ordinals.get(kind) ?? 0
    ordinals.set(kind, ordinal + 1)
    const index = specials.length + offset
    const user = buildUser(ctx, kind, { index, ordinal })
    return { kind: kind as SeedKind, user: addTraits(user, kind, offset) }
  })
  return [...specials, ...dealt]
}

// Traits cut across kinds; they never change which bucket a user is in.
// Sparse users keep their few fields: that is what they test.
function addTraits(user: SimUser, kind: DeckKind, offset: number): SimUser {
  if (kind === 'sparse') return user
  if (offset % 23 === 9) {
    user.accountNonLocked = false
    user.numberFailedLoginAttempts = 5
  }
  if (offset % 11 === 5) {
    Object.assign(user, {
      tenants: [],
      roles: ['ROLE_USER'],
      entity: null,
      externalTokens: [],
      profile: { department: { name: 'Sales', costCenter: 4711 }, tags: ['x'] }
    })
  }
  return user
}
