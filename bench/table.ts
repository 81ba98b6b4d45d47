/**
 * The benchmark's one table, as GitHub-flavoured Markdown so it can be
 * pasted into docs/performance.md, and the number formats it uses.
 */

/** One line of the table. */
export interface Row {
  benchmark: string
  measure: string
  result: string
  /** The goal, or '' when the figure is only reported. */
  target: string
  /** Whether the target is met; null when there is none. */
  met: boolean | null
}

const HEADER = ['Benchmark', 'Measure', 'Result', 'Target', '']

/** The rows as a Markdown table with aligned columns. */
export function renderTable(rows: readonly Row[]): string {
  const cells = [
    HEADER,
    ...rows.map((row) => [
      row.benchmark,
      row.measure,
      row.result,
      row.target,
      row.met === null ? '' : row.met ? 'met' : 'missed'
    ])
  ]
  const widths = HEADER.map((_, column) =>
    Math.max(3, ...cells.map((line) => (line[column] ?? '').length))
  )
  const line = (values: string[]): string =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
  const [head = HEADER, ...body] = cells
  return [line(head), rule, ...body.map(line)].join('\n')
}

/** `2.13x`. */
export function times(value: number): string {
  return `${value.toFixed(2)}x`
}

/** `1.42 s` from milliseconds. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

/** `412 MiB`. */
export function mebibytes(value: number): string {
  return `${Math.round(value)} MiB`
}

/** `3.08 MiB` from bytes. */
export function bytesInMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
}

/** `100,000`. */
export function count(value: number): string {
  return value.toLocaleString('en-US')
}
