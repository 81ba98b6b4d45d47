/**
 * Turns each benchmark's measurements into table rows: ratios against the
 * baselines of the same run, with the absolute figures beside them.
 */
import type { ApprovalBoundResult } from './approval-bound.ts'
import type { ReportScaleResult } from './report-scale.ts'
import type { StartupResult } from './startup.ts'
import {
  bytesInMiB,
  count,
  mebibytes,
  seconds,
  times,
  type Row
} from './table.ts'

/** Targets of issue 6. */
export const TARGETS = {
  reportTime: 2,
  reportMemory: 2,
  /** Target sizes for the report ratios. */
  reportAt: 100_000,
  approvalBound: 1.15,
  /** Noise allowed before per-user cost counts as rising. */
  perUserSlack: 1.1
}

/**
 * Time and memory against the floor at each size, the least report against
 * both (where the floor's targets stand against the files' own cost), and
 * cost per user.
 */
export function reportRows(results: readonly ReportScaleResult[]): Row[] {
  const rows = results.flatMap((r) => {
    const benchmark = `Report, ${count(r.users)} users`
    const judged = r.users === TARGETS.reportAt
    const time = r.actionMs / r.floorMs
    const memory = r.actionRssMb / r.floorRssMb
    return [
      {
        benchmark,
        measure: 'time vs floor',
        result: `${times(time)} (${seconds(r.actionMs)} vs ${seconds(r.floorMs)})`,
        target: judged ? `≤ ${TARGETS.reportTime}x` : '',
        met: judged ? time <= TARGETS.reportTime : null
      },
      {
        benchmark,
        measure: 'peak memory vs floor',
        result: `${times(memory)} (${mebibytes(r.actionRssMb)} vs ${mebibytes(r.floorRssMb)})`,
        target: judged ? `≤ ${TARGETS.reportMemory}x` : '',
        met: judged ? memory <= TARGETS.reportMemory : null
      },
      {
        benchmark,
        measure: 'least report vs floor',
        result: `${times(r.leastMs / r.floorMs)} (${seconds(r.leastMs)} vs ${seconds(r.floorMs)})`,
        target: '',
        met: null
      },
      {
        benchmark,
        measure: 'time vs least report',
        result: `${times(r.actionMs / r.leastMs)} (${seconds(r.actionMs)} vs ${seconds(r.leastMs)})`,
        target: '',
        met: null
      },
      {
        benchmark,
        measure: 'time per user (above floor)',
        result: `${perUser(r.actionMs, r.users)} (${perUser(r.actionMs - r.floorMs, r.users)})`,
        target: '',
        met: null
      }
    ]
  })
  return results.length > 1 ? [...rows, perUserTrend(results)] : rows
}

function perUserTrend(results: readonly ReportScaleResult[]): Row {
  const costs = results.map((r) => r.actionMs / r.users)
  const flatOrFalling = costs.every(
    (cost, i) =>
      i === 0 || cost <= (costs[i - 1] as number) * TARGETS.perUserSlack
  )
  return {
    benchmark: 'Report, all sizes',
    measure: 'time per user as users grow',
    result: results.map((r) => perUser(r.actionMs, r.users)).join(' → '),
    target: 'flat or falling',
    met: flatOrFalling
  }
}

function perUser(ms: number, users: number): string {
  return `${Math.round((ms * 1000) / users)} µs`
}

/** The approval run against the bound, and against a sequential script. */
export function approvalRows(r: ApprovalBoundResult): Row[] {
  const benchmark = `Approval, ${count(r.users)} users, concurrency ${r.concurrency}`
  const ratio = r.wallMs / r.boundMs
  const scaledMs = (r.sequentialSampleMs / r.sequentialSample) * r.users
  return [
    {
      benchmark,
      measure: 'time vs rate-limit bound',
      result: `${times(ratio)} (${seconds(r.wallMs)} vs ${seconds(r.boundMs)})`,
      target: `≤ ${TARGETS.approvalBound}x`,
      met: ratio <= TARGETS.approvalBound
    },
    {
      benchmark,
      measure: 'requests per user',
      result: (r.admittedRequests / r.users).toFixed(2),
      target: '',
      met: null
    },
    {
      benchmark,
      measure: '429s met',
      result: `${count(r.throttled)} (${((r.throttled / r.admittedRequests) * 100).toFixed(1)}% of requests)`,
      target: '',
      met: null
    },
    {
      benchmark,
      measure: 'users failed',
      result: count(r.failed),
      target: '0',
      met: r.failed === 0
    },
    {
      benchmark,
      measure: 'speed-up over a sequential loop',
      result: `${times(scaledMs / r.wallMs)} (loop: ${seconds(r.sequentialSampleMs)} for ${r.sequentialSample} users, ${seconds(scaledMs)} scaled)`,
      target: '',
      met: null
    }
  ]
}

/** Time to the first request, the bundle, and what a report loads of it. */
export function startupRows(r: StartupResult): Row[] {
  const benchmark = 'Start-up'
  const sizeOf = (files: readonly string[]): number =>
    r.bundle
      .filter((file) => files.includes(file.file))
      .reduce((sum, file) => sum + file.bytes, 0)
  const total = r.bundle.reduce((sum, file) => sum + file.bytes, 0)
  const entry = r.bundle.find((file) => file.file === 'index.js')?.bytes ?? 0
  return [
    {
      benchmark,
      measure: 'first request vs bare node',
      result: `${times(r.actionFirstRequestMs / r.bareFirstRequestMs)} (${r.actionFirstRequestMs} ms vs ${r.bareFirstRequestMs} ms)`,
      target: '',
      met: null
    },
    {
      benchmark: 'Bundle',
      measure: 'dist/index.js; all dist/*.js',
      result: `${bytesInMiB(entry)}; ${bytesInMiB(total)} in ${r.bundle.length} files`,
      target: '',
      met: null
    },
    {
      benchmark: 'Bundle',
      measure: 'loaded by a report (issue: false)',
      result: `${bytesInMiB(sizeOf(r.loadedByReport))}: ${r.loadedByReport.join(', ')}`,
      target: '',
      met: null
    },
    {
      benchmark: 'Bundle',
      measure: 'loaded by a report with issue and artifact',
      result: `${bytesInMiB(sizeOf(r.loadedByFullReport))} in ${r.loadedByFullReport.length} files`,
      target: '',
      met: null
    }
  ]
}
