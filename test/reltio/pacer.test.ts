import { describe, expect, it } from 'vitest'
import { Pacer } from '../../src/reltio/pacer.ts'

/** A pacer on a fake clock that only moves when the pacer sleeps. */
function fakePacer(options: { minRate?: number } = {}) {
  const clock = { now: 0, sleeps: [] as number[] }
  const pacer = new Pacer({
    now: () => clock.now,
    sleep: (ms) => {
      clock.sleeps.push(ms)
      clock.now += ms
      return Promise.resolve()
    },
    ...options
  })
  return { pacer, clock }
}

/** Notes `count` admitted requests sent evenly over the second before `end`. */
function admitOver(pacer: Pacer, count: number, end: number): void {
  for (let i = count - 1; i >= 0; i--) pacer.admitted(end - (i * 1000) / count)
}

/** A token bucket like Reltio's (and the simulator's): burst = rate. */
function tokenBucket(rate: number) {
  let tokens = rate
  let last = 0
  return (at: number): boolean => {
    tokens = Math.min(rate, tokens + ((at - last) / 1000) * rate)
    last = at
    if (tokens < 1) return false
    tokens -= 1
    return true
  }
}

describe('Pacer', () => {
  it('sends at once until a 429 teaches it a rate', async () => {
    const { pacer, clock } = fakePacer()
    for (let i = 0; i < 100; i++) await pacer.take()
    expect(clock.sleeps).toEqual([])
    expect(pacer.rate).toBeNull()
  })

  it('learns the rate Reltio admitted and spaces requests at it', async () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 50, 1000)

    expect(pacer.throttled(1000)).toBe('paced')
    expect(pacer.rate).toBeCloseTo(50 * 0.95)
    const sent = [await pacer.take(), await pacer.take(), await pacer.take()]
    expect(sent[1]! - sent[0]!).toBeCloseTo(1000 / 47.5)
    expect(sent[2]! - sent[1]!).toBeCloseTo(1000 / 47.5)
  })

  it('learns nothing from a 429 with few requests before it', () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 3, 1000)

    expect(pacer.throttled(1000)).toBe('unpaced')
    expect(pacer.rate).toBeNull()
  })

  it('reacts once to the 429s of one congestion', () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 40, 1000)
    pacer.throttled(990)
    const learned = pacer.rate

    clock.now = 1100
    // Sent before the rate fell: the same burst, already answered.
    for (const sentAt of [992, 995, 999]) {
      expect(pacer.throttled(sentAt)).toBe('paced')
    }
    expect(pacer.rate).toBe(learned)
  })

  it('lowers the rate again when a request sent at the new pace meets a 429', () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 40, 1000)
    pacer.throttled(1000)
    clock.now = 2000
    admitOver(pacer, 38, 2000)

    pacer.throttled(2000)
    expect(pacer.rate).toBeCloseTo(38 * 0.95)
  })

  it('never lets one 429 raise the rate it learned', () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 20, 1000)
    pacer.throttled(1000)
    clock.now = 2000
    admitOver(pacer, 60, 2000)

    pacer.throttled(2000)
    expect(pacer.rate).toBeCloseTo(20 * 0.95 * 0.95)
  })

  it('probes upward once a second while it holds requests back', async () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 40, 1000)
    pacer.throttled(1000)
    const learned = pacer.rate as number

    for (let i = 0; i < 200; i++) pacer.admitted(await pacer.take())
    const seconds = (clock.now - 1000) / 1000
    expect(pacer.rate).toBeGreaterThan(learned)
    // At most one step of max(0.5, 2%) per second.
    expect(pacer.rate).toBeLessThanOrEqual(
      learned * 1.02 ** Math.ceil(seconds) + 0.5
    )
  })

  it('does not grow while requests come slower than its pace', () => {
    const { pacer, clock } = fakePacer()
    clock.now = 1000
    admitOver(pacer, 40, 1000)
    pacer.throttled(1000)
    const learned = pacer.rate

    for (let t = 1000; t < 20_000; t += 500) {
      clock.now = t
      pacer.admitted(t)
    }
    expect(pacer.rate).toBe(learned)
  })

  it('never paces below its minimum rate', () => {
    const { pacer, clock } = fakePacer({ minRate: 5 })
    clock.now = 10_000
    admitOver(pacer, 10, 10_000)
    pacer.throttled(10_000)
    for (let t = 11_000; t < 40_000; t += 1000) {
      clock.now = t
      admitOver(pacer, 10, t)
      pacer.throttled(t)
    }
    expect(pacer.rate).toBe(5)
  })

  it("keeps close to a token bucket's rate with few 429s", async () => {
    const { pacer, clock } = fakePacer()
    const admit = tokenBucket(50)
    let throttled = 0
    let done = 0
    // One request at a time with no latency: the hardest case for the
    // bucket, which the pacer alone keeps from being drained.
    while (done < 3000) {
      const sentAt = await pacer.take()
      if (admit(sentAt)) {
        pacer.admitted(sentAt)
        done++
      } else {
        throttled++
        pacer.throttled(sentAt)
        clock.now += 1
      }
    }
    const seconds = clock.now / 1000
    // 3000 requests at 50 per second with a burst of 50: 59 s at best.
    expect(seconds).toBeLessThan(59 * 1.05)
    expect(throttled).toBeLessThan(3000 * 0.02)
  })
})
