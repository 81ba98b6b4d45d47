/**
 * A small seeded PRNG (mulberry32), so generated customers and random
 * faults repeat exactly for the same seed. Not for anything secret.
 */

/** A source of pseudo-random numbers in [0, 1). */
export type Random = () => number

/** Returns a generator that yields the same sequence for the same seed. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

/** A hex string of the given length. */
export function randomHex(random: Random, length: number): string {
  let hex = ''
  while (hex.length < length) {
    hex += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
  }
  return hex.slice(0, length)
}

/** Shuffles a copy of the list (Fisher-Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy
}
