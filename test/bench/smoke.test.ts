/**
 * The benchmarks at toy sizes: they run end to end against dist/index.js
 * and produce ratios. Nothing here asserts speed; `npm run bench` measures.
 */
import { describe, expect, it } from 'vitest'
import { benchApprovalBound } from '../../bench/approval-bound.ts'
import { benchReportScale } from '../../bench/report-scale.ts'
import { approvalRows, reportRows, startupRows } from '../../bench/rows.ts'
import { benchStartup } from '../../bench/startup.ts'

const isRatio = (value: number): boolean => Number.isFinite(value) && value > 0

describe('benchReportScale', () => {
  it('measures the action, its floor and the least report at each size', async () => {
    const results = await benchReportScale({ sizes: [40, 80], repeats: 1 })

    expect(results.map((r) => r.users)).toEqual([40, 80])
    for (const r of results) {
      expect(isRatio(r.actionMs / r.floorMs)).toBe(true)
      expect(isRatio(r.actionRssMb / r.floorRssMb)).toBe(true)
      expect(isRatio(r.leastMs / r.floorMs)).toBe(true)
      expect(isRatio(r.leastRssMb / r.floorRssMb)).toBe(true)
      expect(r.candidates).toBeGreaterThan(0)
    }
    const rows = reportRows(results)
    expect(rows.at(-1)?.measure).toBe('time per user as users grow')
  })
})

describe('benchApprovalBound', () => {
  it('deactivates every candidate and counts the requests it took', async () => {
    const result = await benchApprovalBound({
      users: 12,
      latencyMs: 0,
      ratePerSecond: 500,
      concurrency: 4,
      sequentialSample: 3
    })

    expect(result.deactivated).toBe(12)
    expect(result.failed).toBe(0)
    // One list for the guards, then GET, PUT and GET per user.
    expect(result.admittedRequests).toBeGreaterThanOrEqual(1 + 3 * 12)
    expect(isRatio(result.wallMs / result.boundMs)).toBe(true)
    expect(result.sequentialSample).toBe(3)
    expect(approvalRows(result)[0]?.met).not.toBeNull()
  })
})

describe('benchStartup', () => {
  it('times the first request and sees the lazy chunks stay unloaded', async () => {
    const result = await benchStartup({ repeats: 1 })

    expect(isRatio(result.actionFirstRequestMs)).toBe(true)
    expect(isRatio(result.bareFirstRequestMs)).toBe(true)
    expect(result.bundle[0]?.file).toBe('index.js')
    // A report without the issue or artifact loads only the entry (and
    // the source-map hook): the GitHub and artifact chunks stay on disk.
    expect(result.loadedByReport).toContain('index.js')
    expect(
      result.loadedByReport.filter((f) => f.endsWith('.index.js'))
    ).toEqual([])
    expect(result.loadedByFullReport.length).toBeGreaterThan(
      result.loadedByReport.length
    )
    expect(startupRows(result)).toHaveLength(4)
  })
})
