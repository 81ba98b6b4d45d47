/** The machine a benchmark ran on, for the results to name. */
import { cpus, totalmem } from 'node:os'

/** CPUs, their model, memory, Node version and the date. */
export function describeMachine(now = new Date()): string {
  const all = cpus()
  const model = all[0]?.model.trim() ?? 'unknown CPU'
  const memory = Math.round(totalmem() / 1024 ** 3)
  return (
    `${all.length} × ${model}, ${memory} GiB, Node ${process.version}, ` +
    `${process.platform}-${process.arch}, ${now.toISOString().slice(0, 10)}`
  )
}
