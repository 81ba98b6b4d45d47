/**
 * Delays (latency, slow faults, scripted holds) that `close()` can cancel,
 * so a test that holds requests for a minute still shuts down at once.
 */

/** Hands out cancellable sleeps. */
export class Sleeper {
  private timers = new Set<NodeJS.Timeout>()

  /** Resolves after `ms`; never resolves once cancelled. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }

  /** Drops every pending sleep; their requests are abandoned. */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
