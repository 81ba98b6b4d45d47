import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../src/reltio/limiter.ts'

/** A promise with its resolve handle, to finish tasks one by one. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined
  const promise = new Promise<void>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

describe('createLimiter', () => {
  it('never runs more tasks at once than its slots', async () => {
    const limiter = createLimiter(2)
    const gates = Array.from({ length: 6 }, deferred)
    let running = 0
    let peak = 0
    const started: number[] = []

    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index)
        running++
        peak = Math.max(peak, running)
        await gate.promise
        running--
      })
    )
    await Promise.resolve()
    expect(started).toEqual([0, 1])

    for (const gate of gates) {
      gate.resolve()
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(runs)
    expect(peak).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(limiter.active).toBe(0)
  })

  it('frees the slot when a task throws', async () => {
    const limiter = createLimiter(1)
    await expect(
      limiter.run(() => Promise.reject(new Error('boom')))
    ).rejects.toThrow('boom')
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe(
      'next'
    )
    expect(limiter.active).toBe(0)
  })

  it('keeps at least one slot for a zero or negative bound', async () => {
    const limiter = createLimiter(0)
    await expect(limiter.run(() => Promise.resolve(1))).resolves.toBe(1)
  })
})
