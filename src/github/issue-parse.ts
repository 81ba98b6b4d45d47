import { findClosingRun, scanMarkdown } from './markdown-scan.js'
import { MARKER_NAME, decodeCodeText, decodeMarkerValue } from './issue-text.js'

/** What the hidden marker of a review issue's body says. */
export interface ReviewIssueMarker {
  customerId: string
  runId: string | null
  planId: string
}

/** One task-list item of the review issue, as a reviewer left it. */
export interface ReviewItem {
  username: string
  ticked: boolean
}

/** The marker and the task items of a review issue and its continuations. */
export interface ParsedReviewIssue {
  marker: ReviewIssueMarker | null
  /** In document order; a username listed twice appears twice. */
  items: ReviewItem[]
}

/** What our hidden marker makes of a comment. */
export type OwnComment =
  { kind: 'continuation'; index: number; planId: string } | { kind: 'retired' }

const BODY_MARKER = new RegExp(
  `^\\s*${MARKER_NAME}\\s+customer=(\\S*)\\s+run=(\\S*)\\s+plan=(\\S+)\\s*$`
)
const CONTINUATION_MARKER = new RegExp(
  `^\\s*${MARKER_NAME}\\s+continuation=(\\d{1,6})\\s+plan=(\\S+)\\s*$`
)
const RETIRED = new RegExp(`^\\s*${MARKER_NAME}\\s+retired\\s*$`)

// A GFM task-list item: a list marker, 1–4 spaces (more would make an
// indented code block), `[ ]`/`[x]`/`[X]`, whitespace, then the opening
// backtick run of the code span that must follow.
const TASK_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}\[([ xX])\][ \t]+(`+)/

/**
 * Reads the marker and task items of a review issue's body and of those
 * comments that carry our continuation marker for the body's plan.
 * Never throws; text it cannot read yields no items.
 */
export function parseReviewIssue(
  body: string,
  comments: readonly string[]
): ParsedReviewIssue {
  const scanned = scanMarkdown(asText(body))
  const marker = firstMatch(scanned.comments, readBodyMarker)
  const items = scanned.lines.flatMap(readTaskItem)
  if (!marker) return { marker, items }

  const continuations = comments
    .map((comment) => scanMarkdown(asText(comment)))
    .map((parsed) => ({ own: readOwnMarker(parsed.comments), parsed }))
    .flatMap(({ own, parsed }) =>
      own?.kind === 'continuation' && own.planId === marker.planId
        ? [{ index: own.index, lines: parsed.lines }]
        : []
    )
    .sort((a, b) => a.index - b.index)
  for (const continuation of continuations) {
    items.push(...continuation.lines.flatMap(readTaskItem))
  }
  return { marker, items }
}

/** Reads the task items of one Markdown text, whatever its marker. */
export function parseTaskItems(text: string): ReviewItem[] {
  return scanMarkdown(asText(text)).lines.flatMap(readTaskItem)
}

/** Reads only the hidden marker of a review issue's body. */
export function parseReviewMarker(body: string): ReviewIssueMarker | null {
  return firstMatch(scanMarkdown(asText(body)).comments, readBodyMarker)
}

/** Tells whether a comment is one of our continuations (or retired ones). */
export function parseOwnComment(body: string): OwnComment | null {
  return readOwnMarker(scanMarkdown(asText(body)).comments)
}

function readOwnMarker(comments: string[]): OwnComment | null {
  return firstMatch(comments, (comment) => {
    if (RETIRED.test(comment)) return { kind: 'retired' }
    const match = CONTINUATION_MARKER.exec(comment)
    if (!match?.[1] || !match[2]) return null
    const planId = decodeMarkerValue(match[2])
    return { kind: 'continuation', index: Number(match[1]), planId }
  })
}

function readBodyMarker(comment: string): ReviewIssueMarker | null {
  const match = BODY_MARKER.exec(comment)
  if (!match || match[1] === undefined || !match[3]) return null
  const runId = match[2] ? decodeMarkerValue(match[2]) : null
  return {
    customerId: decodeMarkerValue(match[1]),
    runId,
    planId: decodeMarkerValue(match[3])
  }
}

function readTaskItem(line: string): ReviewItem[] {
  const match = TASK_ITEM.exec(line)
  const opening = match?.[2]
  if (!match || !opening) return []
  const start = match[0].length
  const end = findClosingRun(line, start, opening.length)
  if (end === -1) return []
  const username = decodeCodeText(stripCodeSpanPadding(line.slice(start, end)))
  if (username === '') return []
  return [{ username, ticked: match[1] !== ' ' }]
}

// CommonMark strips one space from each side of a code span's content when
// both sides have one and the content is not all spaces.
function stripCodeSpanPadding(content: string): string {
  const padded =
    content.length >= 2 &&
    content.startsWith(' ') &&
    content.endsWith(' ') &&
    content.trim() !== ''
  return padded ? content.slice(1, -1) : content
}

function firstMatch<T>(
  values: readonly string[],
  read: (value: string) => T | null
): T | null {
  for (const value of values) {
    const result = read(value)
    if (result !== null) return result
  }
  return null
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
