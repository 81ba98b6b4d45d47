/**
 * The make-up of a generated customer: which kinds of users it holds and in
 * what share. Tests read SEED_MIX to know what to expect.
 */
import { shuffled, type Random } from './prng.ts'

/**
 * Users per 100 of each kind. Every full block of 100 generated users holds
 * exactly these numbers, in a shuffled order.
 */
export const SEED_MIX = {
  /** Logged in 0-60 days ago. */
  active: 38,
  /** 61-75 days: active, not yet approaching with the default warn-days. */
  quiet: 6,
  /** 76-89 days: approaching with the defaults (90 and 14). */
  approaching: 8,
  /** 91-730 days: candidates with the defaults. */
  candidate: 16,
  /** No lastLoginDate; some with an old passwordChangedDate. */
  neverLoggedIn: 6,
  /** enabled: false; half of them idle long enough to delete by hand. */
  disabled: 8,
  /** Idle holders of an admin or API role (suffixed tenant form too). */
  admin: 5,
  /** svc-* usernames, half in the SERVICE_ACCOUNTS group. */
  serviceAccount: 4,
  /** externalUser: true; idle on lastLoginDate, some with SSO logins. */
  sso: 5,
  /** lastLoginDate as an ISO string: one active, one idle. */
  isoDate: 2,
  /** lastLoginDate: null. */
  nullDate: 1,
  /** Only username, email, customer, enabled and lastLoginDate. */
  sparse: 1
} as const

/** A kind dealt from the shuffled deck. */
export type DeckKind = keyof typeof SEED_MIX

/** Every kind of generated user, the fixed special users included. */
export type SeedKind =
  DeckKind | 'identity' | 'future' | 'unreadable' | 'boundary'

const DECK: DeckKind[] = (Object.keys(SEED_MIX) as DeckKind[]).flatMap((kind) =>
  Array<DeckKind>(SEED_MIX[kind]).fill(kind)
)

/** Deals `count` kinds, reshuffling the 100-card deck for every block. */
export function dealKinds(random: Random, count: number): DeckKind[] {
  const kinds: DeckKind[] = []
  while (kinds.length < count) {
    const block = shuffled(random, DECK)
    kinds.push(...block.slice(0, count - kinds.length))
  }
  return kinds
}
