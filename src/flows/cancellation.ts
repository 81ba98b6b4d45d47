/**
 * Cancelling a run in GitHub sends the step SIGINT, then SIGTERM a few
 * seconds later, then kills it. An approval run that hears the first signal
 * starts no new user, lets the writes in flight finish and verify, and
 * records what it did, so the person who cancelled can see which users
 * were deactivated and which were left as they were.
 */
import * as core from '@actions/core'

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** An AbortSignal that fires on cancellation, until `dispose()` is called. */
export function watchCancellation(): {
  signal: AbortSignal
  dispose: () => void
} {
  const controller = new AbortController()
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    core.warning(
      `Received ${name}: starting no new user and finishing the writes in flight.`
    )
    controller.abort(new Error(`cancelled by ${name}`))
  }
  for (const name of STOP_SIGNALS) process.on(name, onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal)
    }
  }
}
