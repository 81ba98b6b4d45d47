/**
 * Report runs of the bundled action at growing customer sizes, each beside
 * two baselines run against the same simulator, all alternating:
 *
 * - the floor, a bare script that fetches and parses the same user list;
 * - the least report, which then writes plan.json and plan.csv with one
 *   entry per user and decides nothing: the least that any run writing
 *   the report files must do.
 *
 * The action runs with `issue: false` and no GitHub fake: it reads Reltio,
 * classifies, renders the summary and writes plan.json, plan.csv and
 * summary.md, and skips the artifact upload (no artifact service).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  adminInputs,
  startReltioSimulator,
  type ReltioSimulator
} from '../sim/reltio/server.ts'
import { BENCH_DIR, median, runMeasured, type Measured } from './measure.ts'

/** The clock of the seeded customer and of every run. */
export const BENCH_NOW = '2026-12-01T06:17:00.000Z'

/** One size's medians; times in ms, memory in MiB. */
export interface ReportScaleResult {
  users: number
  repeats: number
  actionMs: number
  floorMs: number
  actionRssMb: number
  floorRssMb: number
  leastMs: number
  leastRssMb: number
  candidates: number
}

/** Measures `repeats` action runs and floors at each size. */
export async function benchReportScale(opts: {
  sizes: number[]
  repeats: number
  /** Another build to time instead of dist/index.js, e.g. to compare. */
  entry?: string
  log?: (line: string) => void
}): Promise<ReportScaleResult[]> {
  const results: ReportScaleResult[] = []
  for (const users of opts.sizes) {
    results.push(await measureSize(users, opts))
  }
  return results
}

async function measureSize(
  users: number,
  opts: { repeats: number; entry?: string; log?: (line: string) => void }
): Promise<ReportScaleResult> {
  const { repeats, entry, log = () => undefined } = opts
  const reltio = await startReltioSimulator({
    seed: { count: users, seed: 42, now: new Date(BENCH_NOW) }
  })
  try {
    // The first list builds the simulator's cached JSON; later lists only
    // write bytes, so the simulator's own cost stays out of every side.
    await runFloor(reltio)
    const action: Measured[] = []
    const floor: Measured[] = []
    const least: Measured[] = []
    const runs = [
      () => runReport(reltio, entry).then((m) => action.push(m)),
      () => runFloor(reltio).then((m) => floor.push(m)),
      () => runLeastReport(reltio).then((m) => least.push(m))
    ]
    for (let i = 0; i < repeats; i++) {
      // Each round starts one further along, so slow moments of the
      // machine fall evenly on all three.
      const turn = i % runs.length
      for (const run of [...runs.slice(turn), ...runs.slice(0, turn)]) {
        await run()
      }
      log(
        `report ${users} users #${i + 1}: action ${ms(action.at(-1))}, floor ${ms(floor.at(-1))}, least report ${ms(least.at(-1))}`
      )
    }
    checkBaselineSaw([...floor, ...least], users)
    return {
      users,
      repeats,
      actionMs: median(action.map((m) => m.wallMs)),
      floorMs: median(floor.map((m) => m.wallMs)),
      actionRssMb: median(action.map((m) => m.maxRssMb)),
      floorRssMb: median(floor.map((m) => m.maxRssMb)),
      leastMs: median(least.map((m) => m.wallMs)),
      leastRssMb: median(least.map((m) => m.maxRssMb)),
      candidates: Number(action[0]?.run.outputs.candidates ?? NaN)
    }
  } finally {
    await reltio.close()
  }
}

/** The inputs every benchmarked run passes: `reltio`, the clock, the files. */
export function actionInputs(
  reltio: ReltioSimulator,
  reportDir: string
): Record<string, string> {
  return { ...adminInputs(reltio), now: BENCH_NOW, 'report-dir': reportDir }
}

/** The inputs a workflow would pass for a report against `reltio`. */
export function reportInputs(
  reltio: ReltioSimulator,
  reportDir: string
): Record<string, string> {
  return { ...actionInputs(reltio, reportDir), issue: 'false' }
}

async function runReport(
  reltio: ReltioSimulator,
  entry: string | undefined
): Promise<Measured> {
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-report-'))
  try {
    return await runMeasured({
      inputs: reportInputs(reltio, reportDir),
      eventName: 'schedule',
      entry
    })
  } finally {
    await rm(reportDir, { recursive: true, force: true })
  }
}

async function runFloor(reltio: ReltioSimulator): Promise<Measured> {
  return runMeasured({
    inputs: reportInputs(reltio, tmpdir()),
    entry: join(BENCH_DIR, 'floor-list.mjs')
  })
}

async function runLeastReport(reltio: ReltioSimulator): Promise<Measured> {
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-least-'))
  try {
    return await runMeasured({
      inputs: reportInputs(reltio, reportDir),
      entry: join(BENCH_DIR, 'least-report.mjs')
    })
  } finally {
    await rm(reportDir, { recursive: true, force: true })
  }
}

function checkBaselineSaw(baselines: Measured[], users: number): void {
  for (const run of baselines) {
    if (!run.run.stdout.includes(`users=${users}\n`)) {
      throw new Error(
        `A baseline did not list ${users} users: ${run.run.stdout}`
      )
    }
  }
}

function ms(measured: Measured | undefined): string {
  if (!measured) return '-'
  const seconds = (measured.wallMs / 1000).toFixed(2)
  return `${seconds} s, ${Math.round(measured.maxRssMb)} MiB`
}
