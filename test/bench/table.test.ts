import { describe, expect, it } from 'vitest'
import type { ReportScaleResult } from '../../bench/report-scale.ts'
import { approvalRows, reportRows } from '../../bench/rows.ts'
import { median } from '../../bench/measure.ts'
import { renderTable } from '../../bench/table.ts'

function size(
  users: number,
  actionMs: number,
  floorMs: number
): ReportScaleResult {
  return {
    users,
    repeats: 1,
    actionMs,
    floorMs,
    actionRssMb: 300,
    floorRssMb: 200,
    leastMs: floorMs * 1.5,
    leastRssMb: 250,
    candidates: 1
  }
}

describe('renderTable', () => {
  it('renders a Markdown table with aligned columns and verdicts', () => {
    const text = renderTable([
      {
        benchmark: 'A',
        measure: 'time',
        result: '1.00x',
        target: '≤ 2x',
        met: true
      },
      {
        benchmark: 'Longer',
        measure: 'memory',
        result: '3.00x',
        target: '≤ 2x',
        met: false
      },
      {
        benchmark: 'C',
        measure: 'size',
        result: '1 MiB',
        target: '',
        met: null
      }
    ])
    const lines = text.split('\n')
    expect(lines).toHaveLength(5)
    expect(new Set(lines.map((line) => line.length)).size).toBe(1)
    expect(lines[2]).toContain('| met')
    expect(lines[3]).toContain('| missed')
  })
})

describe('reportRows', () => {
  it('judges time and memory only at 100,000 users', () => {
    const rows = reportRows([size(1000, 900, 300), size(100_000, 3000, 2000)])
    const judged = rows.filter((row) => row.met !== null)
    expect(judged.map((row) => row.benchmark)).toEqual([
      'Report, 100,000 users',
      'Report, 100,000 users',
      'Report, all sizes'
    ])
    expect(judged.map((row) => row.met)).toEqual([true, true, true])
  })

  it('sets the least report beside the floor and the action', () => {
    const rows = reportRows([size(100_000, 3000, 1000)])
    const byMeasure = new Map(rows.map((row) => [row.measure, row]))
    expect(byMeasure.get('least report vs floor')?.result).toBe(
      '1.50x (1.50 s vs 1.00 s)'
    )
    expect(byMeasure.get('time vs least report')?.result).toBe(
      '2.00x (3.00 s vs 1.50 s)'
    )
    expect(byMeasure.get('time vs least report')?.met).toBeNull()
  })

  it('says when the time per user rises with the users', () => {
    const rows = reportRows([size(1000, 100, 50), size(10_000, 5000, 50)])
    expect(rows.at(-1)?.met).toBe(false)
  })
})

describe('approvalRows', () => {
  it('compares the run with the bound and scales the sequential loop', () => {
    const rows = approvalRows({
      users: 1000,
      concurrency: 8,
      wallMs: 66_000,
      boundMs: 60_000,
      admittedRequests: 3000,
      throttled: 30,
      deactivated: 1000,
      failed: 0,
      sequentialSample: 100,
      sequentialSampleMs: 33_000
    })
    expect(rows[0]).toMatchObject({
      result: '1.10x (66.00 s vs 60.00 s)',
      met: true
    })
    expect(rows.at(-1)?.result).toMatch(/^5\.00x/)
  })
})

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})
