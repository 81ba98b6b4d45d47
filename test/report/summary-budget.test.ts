import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  rowsWithinBudget,
  shareBudget,
  type TableSection
} from '../../src/report/summary-tables.ts'

/** A table whose rows have the given widths, counting its cells() calls. */
function table(
  widths: number[],
  calls: { count: number }
): TableSection<number> {
  return {
    title: 'T',
    noun: 'rows',
    intro: null,
    columns: ['row'],
    items: widths.map((_, i) => i),
    cells: (i) => {
      calls.count++
      return ['x'.repeat(widths[i] ?? 1)]
    }
  }
}

/** The rows shown when every row of every table is rendered first. */
function renderingEveryRow(
  sections: Array<TableSection<number>>,
  budget: number
): string[][] {
  const all = sections.map((section) =>
    section.items.map((item) => `| ${section.cells(item).join(' | ')} |\n`)
  )
  const bytes = (rows: string[]): number =>
    rows.reduce((sum, row) => sum + Buffer.byteLength(row), 0)
  const shares = shareBudget(all.map(bytes), budget)
  return all.map((rows, t) => {
    let used = 0
    return rows.filter(
      (row) => (used += Buffer.byteLength(row)) <= (shares[t] ?? 0)
    )
  })
}

describe('rowsWithinBudget', () => {
  it('shows the same rows as rendering every row first', () => {
    const widths = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 80 })
    fc.assert(
      fc.property(
        fc.array(widths, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 3000 }),
        (perTable, budget) => {
          const calls = { count: 0 }
          const sections = perTable.map((w) => table(w, calls))
          expect(rowsWithinBudget(sections, budget)).toEqual(
            renderingEveryRow(sections, budget)
          )
        }
      ),
      { numRuns: 2000 }
    )
  })

  it('renders about one budget of rows, not one per table', () => {
    const calls = { count: 0 }
    const rows = Array.from({ length: 20_000 }, () => 20)
    const sections = [1, 2, 3, 4, 5].map(() => table(rows, calls))

    const shown = rowsWithinBudget(sections, 100_000).flat().length
    expect(shown).toBeGreaterThan(3_900)
    // Each table renders at most one row past what it shows.
    expect(calls.count).toBeLessThanOrEqual(shown + sections.length)
  })
})
