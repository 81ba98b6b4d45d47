/**
 * Start-up: from just before the runner spawns `node dist/index.js` to the
 * simulator receiving its first request, against a bare Node process that
 * sends one request at once; and the bundle's size, with the part of it a
 * report run really loads.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startGitHubFake } from '../sim/github/server.ts'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../sim/reltio/server.ts'
import { runAction, type RunActionOptions } from '../sim/runner.ts'
import { BENCH_DIR, median } from './measure.ts'
import { BENCH_NOW, reportInputs } from './report-scale.ts'

const DIST_ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url))

/** A JavaScript file of the bundle and its size in bytes. */
export interface BundleFile {
  file: string
  bytes: number
}

/** Medians of the start-up runs and the bundle's figures. */
export interface StartupResult {
  repeats: number
  actionFirstRequestMs: number
  bareFirstRequestMs: number
  /** Every `dist/*.js` and `*.cjs`, the entry first. */
  bundle: BundleFile[]
  /** Bundle files a report run with `issue: false` loads. */
  loadedByReport: string[]
  /** Bundle files a report run that opens the issue and uploads loads. */
  loadedByFullReport: string[]
}

/** Times `repeats` starts of the action and of a bare Node process. */
export async function benchStartup(opts: {
  repeats: number
  /** Another build to time instead of dist/index.js, e.g. to compare. */
  entry?: string
  log?: (line: string) => void
}): Promise<StartupResult> {
  const log = opts.log ?? (() => undefined)
  const entry = opts.entry ?? DIST_ENTRY
  const reltio = await startReltioSimulator({
    seed: { count: 50, seed: 42, now: new Date(BENCH_NOW) }
  })
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-startup-'))
  try {
    const action: number[] = []
    const bare: number[] = []
    for (let i = 0; i < opts.repeats; i++) {
      action.push(
        await firstRequestAfter(reltio, {
          inputs: reportInputs(reltio, reportDir),
          entry
        })
      )
      bare.push(
        await firstRequestAfter(reltio, {
          inputs: reportInputs(reltio, reportDir),
          entry: join(BENCH_DIR, 'floor-start.mjs')
        })
      )
      log(
        `start-up #${i + 1}: action ${action.at(-1)} ms, bare node ${bare.at(-1)} ms`
      )
    }
    return {
      repeats: opts.repeats,
      actionFirstRequestMs: median(action),
      bareFirstRequestMs: median(bare),
      bundle: await bundleFiles(dirname(entry)),
      loadedByReport: await loadedFiles(reltio, { reportDir, entry }, false),
      loadedByFullReport: await loadedFiles(reltio, { reportDir, entry }, true)
    }
  } finally {
    await rm(reportDir, { recursive: true, force: true })
    await reltio.close()
  }
}

/** Milliseconds from just before the run to its first request's arrival. */
async function firstRequestAfter(
  reltio: ReltioSimulator,
  opts: RunActionOptions
): Promise<number> {
  const seen = reltio.requests.length
  const started = Date.now()
  const run = await runAction(opts)
  const first = reltio.requests[seen]
  if (run.exitCode !== 0 || first === undefined) {
    throw new Error(
      `The start-up run failed or sent nothing:\n${run.stdout}${run.stderr}`
    )
  }
  return first.at - started
}

async function bundleFiles(dist: string): Promise<BundleFile[]> {
  const names = (await readdir(dist)).filter((name) => /\.c?js$/.test(name))
  const files = await Promise.all(
    names.map(async (file) => ({
      file,
      bytes: (await stat(join(dist, file))).size
    }))
  )
  return files.sort((a, b) =>
    a.file === 'index.js' ? -1 : b.file === 'index.js' ? 1 : b.bytes - a.bytes
  )
}

/** The bundle files one report run loads, found by a module load hook. */
async function loadedFiles(
  reltio: ReltioSimulator,
  where: { reportDir: string; entry: string },
  withGitHub: boolean
): Promise<string[]> {
  const github = withGitHub ? await startGitHubFake() : undefined
  const dir = await mkdtemp(join(tmpdir(), 'bench-loaded-'))
  const listFile = join(dir, 'loaded.json')
  const preload = pathToFileURL(join(BENCH_DIR, 'loaded-preload.mjs')).href
  try {
    const inputs = reportInputs(reltio, where.reportDir)
    const run = await runAction({
      github,
      entry: where.entry,
      eventName: 'schedule',
      inputs: withGitHub ? { ...inputs, issue: 'true' } : inputs,
      env: { NODE_OPTIONS: `--import=${preload}`, BENCH_LOADED_FILE: listFile }
    })
    if (run.exitCode !== 0)
      throw new Error(`The report run failed:\n${run.stdout}`)
    const urls = JSON.parse(await readFile(listFile, 'utf8')) as string[]
    const distUrl = pathToFileURL(`${dirname(where.entry)}/`).href
    return urls
      .filter((url) => url.startsWith(distUrl))
      .map((url) => basename(fileURLToPath(url)))
  } finally {
    await rm(dir, { recursive: true, force: true })
    await github?.close()
  }
}
