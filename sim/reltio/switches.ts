/**
 * The simulator's switches: their defaults, partial updates, and the token
 * bucket behind both rate limits.
 */
import type { SimulatorSwitches, SwitchPatch } from './types.ts'

/** Switches as documented by Reltio, with every fault off. */
export function defaultSwitches(): SimulatorSwitches {
  return {
    latencyMs: 0,
    rateLimitPerSecond: null,
    tokenRateLimitPerSecond: 10,
    maxInFlight: null,
    retryAfterSeconds: null,
    faults: {
      status429: 0,
      status503: 0,
      reset: 0,
      malformed: 0,
      truncated: 0,
      slow: 0
    },
    slowMs: 2000,
    tokenLifetimeSeconds: 3599,
    activityActorKey: 'user',
    auditExportMaxConcurrent: 2,
    auditExportDelayMs: 0
  }
}

/** Applies a patch in place; `faults` merges rate by rate. */
export function applySwitches(
  switches: SimulatorSwitches,
  patch: SwitchPatch
): void {
  const { faults, ...rest } = patch
  Object.assign(switches, rest)
  if (faults) switches.faults = { ...switches.faults, ...faults }
}

/** A token bucket whose burst equals its rate; rebuilt when the rate moves. */
export class TokenBucket {
  private rate: number | null = null
  private tokens = 0
  private last = 0

  /** Takes one token; false means the caller is over the limit. */
  take(rate: number | null, now: number): boolean {
    if (rate === null) return true
    const capacity = Math.max(1, rate)
    if (rate !== this.rate) {
      this.rate = rate
      this.tokens = capacity
      this.last = now
    }
    const refill = ((now - this.last) / 1000) * rate
    this.tokens = Math.min(capacity, this.tokens + refill)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
