import { describe, expect, it } from 'vitest'
import {
  formatCount,
  renderWithinBudget,
  shareBudget,
  type TableSection
} from '../../src/report/summary-tables.ts'

function section(
  title: string,
  rows: number,
  width = 10
): TableSection<number> {
  return {
    title,
    noun: 'rows',
    intro: null,
    columns: ['n'],
    items: Array.from({ length: rows }, (_, i) => i),
    cells: (n) => [String(n).padStart(width, '0')]
  }
}

describe('shareBudget', () => {
  it('gives every table its need when all fit', () => {
    expect(shareBudget([10, 20, 30], 100)).toEqual([10, 20, 30])
  })

  it('shows small tables whole and splits the rest equally', () => {
    expect(shareBudget([500, 10, 900], 410)).toEqual([200, 10, 200])
  })

  it('never hands out more than the budget', () => {
    const shares = shareBudget([7, 7, 7], 10)
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10)
  })
})

describe('renderWithinBudget', () => {
  it('renders everything when it fits', () => {
    const text = renderWithinBudget({
      head: '# h\n\n',
      sections: [section('A', 3)],
      tail: 'end\n'
    })
    expect(text).toContain('| 0000000002 |')
    expect(text).not.toContain('not shown')
  })

  it.each([2_000, 5_000, 20_000])(
    'fits in %i bytes and counts the rows left out',
    (maxBytes) => {
      const sections = [
        section('A', 5_000),
        section('B', 3),
        section('C', 800, 40)
      ]
      const text = renderWithinBudget({
        head: '# h\n\n',
        sections,
        tail: 'end\n',
        maxBytes
      })
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxBytes)
      const shown = text
        .split('\n')
        .filter((line) => /^\| \d+ \|$/.test(line)).length
      const hidden = /\*\*Shortened:\*\* ([\d,]+) table rows/.exec(text)?.[1]
      expect(Number(hidden?.replaceAll(',', '')) + shown).toBe(5_803)
      expect(text).toContain('| 0000000002 |')
      expect(text.endsWith('end\n')).toBe(true)
    }
  )

  it('says None for an empty table', () => {
    const text = renderWithinBudget({
      head: '',
      sections: [section('Empty', 0)],
      tail: ''
    })
    expect(text).toBe('## Empty (0)\n\nNone.\n\n')
  })
})

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567']
  ])('formats %i as %s', (count, expected) => {
    expect(formatCount(count)).toBe(expected)
  })
})
