/**
 * Renders the review issue: title, body and, when the candidate list is too
 * long for one body, the continuation comments that carry the rest.
 */
import { formatCount } from '../report/summary-tables.js'
import type { Plan } from '../report/types.js'
import {
  MAX_BODY_BYTES,
  RETIRED_MARKER,
  bodyMarker,
  byteSize,
  codeSpan,
  continuationMarker
} from './issue-text.js'
import {
  type ReviewIssueContext,
  renderCandidateLine,
  renderIntro,
  renderOutro,
  renderRunLink,
  renderTitle,
  safeWord
} from './issue-sections.js'

export type { ReviewIssueContext } from './issue-sections.js'
export { DEFAULT_WORKFLOW_FILE } from './issue-sections.js'

/** The review issue as it should read on GitHub. */
export interface RenderedReviewIssue {
  title: string
  body: string
  /** Continuation comment bodies, in order; empty when the body holds all. */
  continuations: string[]
}

// Room kept for the largest note and continuation heading a list can need,
// so the parts can be cut before their final wording is known.
const SEPARATOR_BYTES = 16
const NOTE_RESERVE = byteSize(continuationNote(999_999)) + SEPARATOR_BYTES

/**
 * Renders the review issue for a plan. Users in `ctx.keep` are unticked.
 *
 * @throws Error when one candidate's line alone exceeds a comment's limit,
 *   rather than cutting the list short.
 */
export function renderReviewIssue(
  plan: Plan,
  ctx: ReviewIssueContext
): RenderedReviewIssue {
  const runId = ctx.runId ?? plan.runId
  const marker = bodyMarker({
    customerId: plan.customerId,
    runId,
    planId: plan.planId
  })
  const intro = `${marker}\n${renderIntro(plan, { ...ctx, runId })}`
  const outro = renderOutro(plan)
  const heading = `### Candidates (${formatCount(plan.candidates.length)})`
  const lines = plan.candidates.map((c) => renderCandidateLine(c, ctx.keep))
  if (lines.length === 0) lines.push('No candidates.')

  const fixed = byteSize(intro) + byteSize(heading) + byteSize(outro)
  const bodyBudget = MAX_BODY_BYTES - fixed - SEPARATOR_BYTES
  const parts =
    sizeOfLines(lines) <= bodyBudget
      ? [lines]
      : splitLines(lines, bodyBudget - NOTE_RESERVE, commentBudget(plan.planId))
  const [first = [], ...rest] = parts

  const note = rest.length > 0 ? continuationNote(rest.length) : ''
  const body = [intro, heading, first.join('\n'), note, outro]
    .filter((section) => section !== '')
    .join('\n\n')
  const continuations = rest.map((chunk, index) =>
    renderContinuation(plan.planId, index + 1, parts.length, chunk)
  )
  return {
    title: renderTitle(plan.customerId),
    body: `${body}\n`,
    continuations
  }
}

/** The comment left on the open issue when no inactive users remain. */
export function renderNoCandidatesComment(
  plan: Plan,
  ctx: { runUrl: string | null; runId: string | null }
): string {
  const run = renderRunLink({
    runUrl: ctx.runUrl,
    runId: ctx.runId ?? plan.runId
  })
  return (
    `No inactive users remain for ${codeSpan(plan.customerId)}: ` +
    `the report of ${run ?? 'the latest run'} (plan-id: ${safeWord(plan.planId)}) ` +
    'found no candidates, so this issue is closed. A later report opens a new ' +
    'one when users become inactive again.'
  )
}

/**
 * Splits a long comment into parts under GitHub's limit, at line breaks
 * where it can; every part after the first says it continues.
 */
export function splitComment(
  text: string,
  maxBytes = MAX_BODY_BYTES
): string[] {
  if (byteSize(text) <= maxBytes) return [text]
  const prefix = '_(continued)_\n\n'
  const budget = maxBytes - byteSize(prefix) - SEPARATOR_BYTES
  const lines = text.split('\n').flatMap((line) => hardWrap(line, budget))
  return splitLines(lines, budget, budget).map((chunk, index) =>
    index === 0 ? chunk.join('\n') : prefix + chunk.join('\n')
  )
}

function renderContinuation(
  planId: string,
  index: number,
  partCount: number,
  lines: string[]
): string {
  const heading = continuationHeading(index + 1, partCount)
  return `${continuationMarker(index, planId)}\n${heading}\n\n${lines.join('\n')}\n`
}

function continuationHeading(part: number, partCount: number): string {
  return `### Candidates, continued (part ${part} of ${partCount})`
}

function continuationNote(commentCount: number): string {
  const comments = commentCount === 1 ? 'comment' : 'comments'
  return `**The list is continued in ${commentCount} ${comments} below.** Untick users there the same way.`
}

function commentBudget(planId: string): number {
  const overhead =
    byteSize(continuationMarker(999_999, planId)) +
    byteSize(continuationHeading(999_999, 999_999))
  return MAX_BODY_BYTES - overhead - SEPARATOR_BYTES
}

/** Packs lines greedily: the first part gets `firstBudget`, later ones `restBudget`. */
function splitLines(
  lines: string[],
  firstBudget: number,
  restBudget: number
): string[][] {
  const parts: string[][] = [[]]
  let used = 0
  let budget = firstBudget
  for (const line of lines) {
    const size = byteSize(line) + 1
    if (size > restBudget) {
      throw new Error(
        `A line of ${size} bytes cannot fit in one GitHub comment (at most ${restBudget}); it starts ${JSON.stringify(line.slice(0, 40))}.`
      )
    }
    if (used + size > budget) {
      parts.push([])
      used = 0
      budget = restBudget
    }
    parts[parts.length - 1]?.push(line)
    used += size
  }
  return parts
}

function sizeOfLines(lines: string[]): number {
  return lines.reduce((total, line) => total + byteSize(line) + 1, 0)
}

/** Cuts a line longer than `budget` bytes into pieces, by code point. */
function hardWrap(line: string, budget: number): string[] {
  if (byteSize(line) <= budget) return [line]
  const pieces: string[] = []
  let piece = ''
  let size = 0
  for (const char of line) {
    const charSize = byteSize(char)
    if (size + charSize > budget) {
      pieces.push(piece)
      piece = ''
      size = 0
    }
    piece += char
    size += charSize
  }
  pieces.push(piece)
  return pieces
}

/** The body a continuation comment gets when a shorter list frees it. */
export function renderRetiredComment(): string {
  return (
    `${RETIRED_MARKER}\n` +
    '_This comment continued an earlier, longer list of candidates and is ' +
    'no longer used._\n'
  )
}
