/**
 * Client-side pacing learned from 429s. Reltio rate-limits per tenant and
 * says nothing of the limit, so the client sends freely until the first
 * 429, then spaces its requests at the rate Reltio was seen to admit, and
 * probes upward slowly (additive increase, multiplicative decrease).
 *
 * Backing off 1, 3, 7 seconds after each 429 stalls a run of thousands of
 * calls far below the limit; pacing keeps it just under the limit instead.
 * Pure apart from the injected clock and sleep.
 */

/** The clock and tuning of a pacer; all but the clock have defaults. */
export interface PacerOptions {
  /** Epoch ms. */
  now: () => number
  sleep: (ms: number) => Promise<void>
  /** Lowest rate ever paced at, requests per second. */
  minRate?: number
  /** How far back admitted requests count towards the learned rate. */
  windowMs?: number
  /** A 429 with fewer admitted requests in the window says nothing of a rate. */
  minSamples?: number
  /** Share of the learned rate paced at after a 429, to drain the excess. */
  decrease?: number
  /** Growth per second while pacing holds requests back: a share of the rate... */
  increaseShare?: number
  /** ...but at least this many requests per second. */
  increaseMin?: number
}

/** What the client does next after a 429. */
export type ThrottleVerdict = 'paced' | 'unpaced'

/** Spaces requests at a rate learned from 429s; see the module comment. */
export class Pacer {
  readonly #now: () => number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #tuning: Required<Omit<PacerOptions, 'now' | 'sleep'>>
  /** Send times of recent admitted requests, oldest first. */
  #admitted: number[] = []
  #rate: number | null = null
  #nextSlot = 0
  /** When the rate last fell: 429s of requests sent before are old news. */
  #decreasedAt = -Infinity
  /** When the rate last moved either way. */
  #changedAt = -Infinity
  #lastWaitAt = -Infinity

  constructor(options: PacerOptions) {
    this.#now = options.now
    this.#sleep = options.sleep
    this.#tuning = {
      minRate: options.minRate ?? 1,
      windowMs: options.windowMs ?? 1000,
      minSamples: options.minSamples ?? 10,
      decrease: options.decrease ?? 0.95,
      increaseShare: options.increaseShare ?? 0.02,
      increaseMin: options.increaseMin ?? 0.5
    }
  }

  /** Requests per second paced at, or null before any 429 taught one. */
  get rate(): number | null {
    return this.#rate
  }

  /** Waits for the next free slot and returns the time the request goes. */
  async take(): Promise<number> {
    const now = this.#now()
    if (this.#rate === null) return now
    const slot = Math.max(now, this.#nextSlot)
    this.#nextSlot = slot + 1000 / this.#rate
    if (slot <= now) return now
    this.#lastWaitAt = now
    await this.#sleep(slot - now)
    return slot
  }

  /** Notes a request sent at `sentAt` that Reltio answered without a 429. */
  admitted(sentAt: number): void {
    this.#admitted.push(sentAt)
    this.#forget(this.#now())
    this.#growIfHeldBack()
  }

  /**
   * Notes a 429 for a request sent at `sentAt`. It teaches a rate when
   * enough requests were admitted just before it; 429s of requests sent
   * before the last decrease are the same congestion and teach nothing new.
   * 'paced' means the retry should simply wait for its slot; 'unpaced'
   * means nothing was learned, so the usual backoff applies.
   */
  throttled(sentAt: number): ThrottleVerdict {
    if (sentAt >= this.#decreasedAt) this.#learn(sentAt)
    return this.#rate === null ? 'unpaced' : 'paced'
  }

  #learn(sentAt: number): void {
    const { windowMs, minSamples, decrease, minRate } = this.#tuning
    const from = sentAt - windowMs
    const seen = this.#admitted.filter((at) => at > from && at <= sentAt)
    if (seen.length < minSamples) return
    const observed = (seen.length * 1000) / windowMs
    const ceiling = Math.min(observed, this.#rate ?? Infinity)
    this.#rate = Math.max(minRate, ceiling * decrease)
    this.#decreasedAt = this.#now()
    this.#changedAt = this.#decreasedAt
  }

  /** Additive increase, once a second, only while pacing is what slows us. */
  #growIfHeldBack(): void {
    const rate = this.#rate
    const now = this.#now()
    if (rate === null || now - this.#changedAt < 1000) return
    if (now - this.#lastWaitAt > 1000) return
    const { increaseShare, increaseMin } = this.#tuning
    this.#rate = rate + Math.max(increaseMin, rate * increaseShare)
    this.#changedAt = now
  }

  #forget(now: number): void {
    const horizon = now - 2 * this.#tuning.windowMs
    let drop = 0
    while (
      drop < this.#admitted.length &&
      (this.#admitted[drop] as number) < horizon
    ) {
      drop++
    }
    if (drop > 0) this.#admitted.splice(0, drop)
  }
}
