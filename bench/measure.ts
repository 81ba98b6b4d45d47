/**
 * Runs a child the way the runner does (sim/runner.ts) and measures it:
 * wall time seen by the parent, and the child's peak resident memory as
 * reported by the kernel. The action and every floor go through here.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  runAction,
  type ActionRun,
  type RunActionOptions
} from '../sim/runner.ts'

const PRELOAD = pathToFileURL(
  fileURLToPath(new URL('./usage-preload.mjs', import.meta.url))
).href

/** The bench's own directory, for the floor scripts beside this file. */
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url))

/** One measured child process. */
export interface Measured {
  run: ActionRun
  /** From just before the runner prepares the child to its exit. */
  wallMs: number
  /** Peak resident set of the child, MiB. */
  maxRssMb: number
}

/** Runs the child with the usage preload and returns what it cost. */
export async function runMeasured(opts: RunActionOptions): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-usage-'))
  const usageFile = join(dir, 'usage.json')
  try {
    const started = performance.now()
    const run = await runAction({
      ...opts,
      env: {
        ...opts.env,
        NODE_OPTIONS: `--import=${PRELOAD}`,
        BENCH_USAGE_FILE: usageFile
      }
    })
    const wallMs = performance.now() - started
    if (run.exitCode !== 0) throw childFailure(opts, run)
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as {
      maxRssKb: number
    }
    return { run, wallMs, maxRssMb: usage.maxRssKb / 1024 }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function childFailure(opts: RunActionOptions, run: ActionRun): Error {
  const entry = opts.entry ?? 'dist/index.js'
  const tail = (run.stdout + run.stderr).split('\n').slice(-15).join('\n')
  return new Error(
    `${entry} exited with ${run.exitCode ?? run.signal}; the bench needs a clean run:\n${tail}`
  )
}

/** The median of the values; the middle one of an odd count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
