/**
 * A counting semaphore: at most `max` tasks run at once, the rest wait in
 * arrival order. Reltio answers extra parallel requests with 503
 * backpressure, so the whole client shares one limiter.
 */
export interface Limiter {
  /** Runs `task` once a slot is free and frees the slot when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Tasks running now. */
  readonly active: number
}

/** Creates a limiter with `max` slots (at least one). */
export function createLimiter(max: number): Limiter {
  const slots = Math.max(1, Math.floor(max))
  const waiting: Array<() => void> = []
  let active = 0

  const acquire = async (): Promise<void> => {
    if (active < slots) {
      active++
      return
    }
    // The releasing task hands its slot straight to the next waiter, so
    // `active` never dips and a newcomer cannot jump the queue.
    await new Promise<void>((resolve) => waiting.push(resolve))
  }

  const release = (): void => {
    const next = waiting.shift()
    if (next) next()
    else active--
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
    get active() {
      return active
    }
  }
}
