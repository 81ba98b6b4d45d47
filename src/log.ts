/**
 * Log helpers that keep the top-level log to one line per phase: the phase
 * title opens a collapsible group holding the detail, and the outcome is
 * printed after it at info.
 */
import * as core from '@actions/core'

/** Runs one phase inside a log group and prints its outcome with timing. */
export async function phase<T>(
  title: string,
  work: () => Promise<T>,
  describe: (result: T) => string
): Promise<T> {
  const started = performance.now()
  const result = await core.group(title, work)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  core.info(`${describe(result)} (${seconds} s)`)
  return result
}
