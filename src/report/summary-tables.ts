/**
 * Markdown tables that share one byte budget. GitHub refuses a job summary
 * over 1 MiB, so the longest tables are cut to fit and say what they left
 * out; the report files always hold every row.
 */
import { escapeInline } from './escape.js'

/** Largest summary the renderer produces, in UTF-8 bytes. */
export const SUMMARY_MAX_BYTES = 1_000_000

/** Tables with more rows than this are folded into a `<details>` block. */
const FOLD_AFTER_ROWS = 10

/** One titled table of the summary. */
export interface TableSection<T> {
  title: string
  /** Plural noun for the rows, e.g. "candidates". */
  noun: string
  /** Safe Markdown shown above the table, or null. */
  intro: string | null
  columns: string[]
  items: readonly T[]
  /**
   * The row's cells, each already escaped. Method syntax on purpose: it lets
   * a table of any row type join the shared list of sections.
   */
  cells(item: T): string[]
}

/** The parts of a section around its rows, for a given number shown. */
interface FrameShape {
  shown: number
  hidden: number
  fold: boolean
}

/** Formats a count with thousands separators, the same on every machine. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * Renders `head`, the sections and `tail` in that order, cutting the
 * longest tables so that the whole stays within `maxBytes`.
 *
 * Every part but the table rows is measured at its largest possible size
 * first; the rows share what is left, so the result fits by construction.
 * Only rows are ever cut: the head, the tail and the table frames are
 * small and bounded (record text in them is truncated), so they must fit.
 */
export function renderWithinBudget(parts: {
  head: string
  sections: Array<TableSection<unknown>>
  tail: string
  maxBytes?: number
}): string {
  const sections = parts.sections
  const allRows = sumOf(sections.map((section) => section.items.length))
  const fixedBytes =
    byteLength(parts.head) +
    byteLength(parts.tail) +
    byteLength(shortenedNotice(allRows)) +
    sumOf(sections.map(worstFrameBytes))
  const budget = Math.max(0, (parts.maxBytes ?? SUMMARY_MAX_BYTES) - fixedBytes)

  const shown = rowsWithinBudget(sections, budget)
  const hidden = allRows - sumOf(shown.map((list) => list.length))

  return [
    parts.head,
    hidden > 0 ? shortenedNotice(hidden) : '',
    ...sections.map((section, index) =>
      renderSection(section, shown[index] ?? [])
    ),
    parts.tail
  ].join('')
}

/**
 * Splits `budget` between tables needing `needs` bytes: small tables are
 * shown whole and the rest get one equal share of what remains
 * (water-filling), so one huge table cannot crowd out every other.
 *
 * The big tables all get the same whole-byte level, the highest that
 * fits, so a share depends only on the level and the table's own need,
 * never on how the big tables compare with each other.
 */
export function shareBudget(needs: number[], budget: number): number[] {
  const ascending = [...needs].sort((a, b) => a - b)
  let remaining = budget
  let level = Infinity
  for (let position = 0; position < ascending.length; position++) {
    const need = ascending[position] as number
    const fair = Math.floor(remaining / (ascending.length - position))
    if (need > fair) {
      level = fair
      break
    }
    remaining -= need
  }
  return needs.map((need) => Math.min(need, level))
}

/**
 * The rendered rows each section shows when all of them share `budget`
 * bytes as `shareBudget` splits it.
 */
export function rowsWithinBudget(
  sections: Array<TableSection<unknown>>,
  budget: number
): string[][] {
  const rows = renderNeededRows(sections, budget)
  const shares = shareBudget(rows.map(bytesOfRows), budget)
  return rows.map((sectionRows, index) =>
    rowsWithin(sectionRows, shares[index] ?? 0)
  )
}

/** The rows of one section rendered so far. */
interface RenderedRows {
  rows: string[]
  bytes: number
}

/**
 * Each section's rows, rendered only as far as `shareBudget` could show
 * them. Every open table is rendered to an equal share of what the
 * finished ones leave; a table that ends within its share is finished and
 * raises the others' share (water-filling), until no more finish. With
 * 25,000 candidates and thousands of other users, this renders about one
 * budget's worth of rows instead of a budget's worth per table.
 *
 * The shares come out as with every row rendered: each open table holds
 * more than the final level, so its share is that level either way, and
 * `shareBudget` gives every table above the level the same share.
 */
function renderNeededRows(
  sections: Array<TableSection<unknown>>,
  budget: number
): string[][] {
  const rendered: RenderedRows[] = sections.map(() => ({ rows: [], bytes: 0 }))
  let open = sections.map((_, index) => index)
  let finishedBytes = 0
  for (;;) {
    const limit = (budget - finishedBytes) / Math.max(1, open.length)
    const stillOpen = open.filter((index) => {
      const section = sections[index] as TableSection<unknown>
      const done = rendered[index] as RenderedRows
      renderRows(section, done, limit)
      const finished =
        done.rows.length === section.items.length && done.bytes <= limit
      if (finished) finishedBytes += done.bytes
      return !finished
    })
    if (stillOpen.length === open.length) break
    open = stillOpen
  }
  return rendered.map((done) => done.rows)
}

/** Renders more rows until they exceed `limit` bytes: more could never be shown. */
function renderRows(
  section: TableSection<unknown>,
  done: RenderedRows,
  limit: number
): void {
  const { items } = section
  while (done.bytes <= limit && done.rows.length < items.length) {
    const item = items[done.rows.length]
    const row = `| ${section.cells(item).join(' | ')} |\n`
    done.rows.push(row)
    done.bytes += byteLength(row)
  }
}

function rowsWithin(rows: string[], share: number): string[] {
  let bytes = 0
  let count = 0
  for (const row of rows) {
    bytes += byteLength(row)
    if (bytes > share) break
    count += 1
  }
  return rows.slice(0, count)
}

function renderSection(section: TableSection<unknown>, rows: string[]): string {
  const total = section.items.length
  const frame = sectionFrame(section, {
    shown: rows.length,
    hidden: total - rows.length,
    fold: rows.length > FOLD_AFTER_ROWS
  })
  return `${frame.before}${rows.join('')}${frame.after}`
}

function worstFrameBytes(section: TableSection<unknown>): number {
  const total = section.items.length
  const frame = sectionFrame(section, {
    shown: total,
    hidden: total,
    fold: true
  })
  return byteLength(frame.before) + byteLength(frame.after)
}

function sectionFrame(
  section: TableSection<unknown>,
  shape: FrameShape
): { before: string; after: string } {
  const total = section.items.length
  const heading = `## ${section.title} (${formatCount(total)})\n\n`
  const intro = section.intro === null ? '' : `${section.intro}\n\n`
  if (total === 0) return { before: `${heading}${intro}None.\n\n`, after: '' }

  const header =
    `| ${section.columns.join(' | ')} |\n` +
    `| ${section.columns.map(() => '---').join(' | ')} |\n`
  const open = shape.fold
    ? `<details><summary>Show ${describeShown(shape)} ${escapeInline(section.noun)}</summary>\n\n`
    : ''
  const close = shape.fold ? '\n</details>\n\n' : '\n'
  const note = shape.hidden > 0 ? cutNote(shape.shown, shape.hidden) : ''
  return {
    before: `${heading}${intro}${open}${header}`,
    after: `${close}${note}`
  }
}

function describeShown(shape: FrameShape): string {
  if (shape.hidden === 0) return formatCount(shape.shown)
  return `${formatCount(shape.shown)} of ${formatCount(shape.shown + shape.hidden)}`
}

function cutNote(shown: number, hidden: number): string {
  return (
    `**${formatCount(hidden)} more rows are not shown** (${formatCount(shown)} of ` +
    `${formatCount(shown + hidden)} shown) to keep this summary under GitHub's size limit: ` +
    '`plan.json` and `plan.csv` hold every user.\n\n'
  )
}

function shortenedNotice(hidden: number): string {
  return (
    `> **Shortened:** ${formatCount(hidden)} table rows are not shown, ` +
    "to stay under GitHub's size limit for a job summary (1 MiB). `plan.json` and `plan.csv` " +
    'in the report files hold every user.\n\n'
  )
}

function bytesOfRows(rows: string[]): number {
  return sumOf(rows.map(byteLength))
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function sumOf(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0)
}
