/**
 * A small, conservative reader of GitHub-flavoured Markdown: it keeps the
 * lines a reader sees as text and collects HTML comments, and drops fenced
 * code and raw HTML blocks. When in doubt it drops, because a dropped task
 * item can only keep a user, never add one.
 */

/** The visible text lines of a document and the HTML comments in it. */
export interface ScannedMarkdown {
  lines: string[]
  comments: string[]
}

type ScanState =
  | { kind: 'text' }
  | { kind: 'fence'; char: string; length: number }
  | { kind: 'html'; end: RegExp | null }
  | { kind: 'comment'; parts: string[] }

// `[\s\S]` rather than `.`: a line may hold U+2028, which `.` stops at.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})([\s\S]*)$/
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/
const COMMENT_BLOCK = /^ {0,3}<!--/

// The CommonMark HTML block kinds 1 and 3–7 (kind 2, the comment, is
// handled apart so its text can be read). `end: null` means the block runs
// to the next blank line. Kind 7 may not interrupt a paragraph in
// CommonMark; treating it as a block anyway only drops more.
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|' +
  'colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|' +
  'footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|' +
  'legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|' +
  'param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|' +
  'track|ul'
const HTML_BLOCKS: ReadonlyArray<{ start: RegExp; end: RegExp | null }> = [
  {
    start: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i,
    end: /<\/(?:script|pre|style|textarea)>/i
  },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  {
    start: new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:\\s|/?>|$)`, 'i'),
    end: null
  },
  {
    start:
      /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/,
    end: null
  }
]

/** Splits a document into visible text lines and HTML comment texts. */
export function scanMarkdown(text: string): ScannedMarkdown {
  const scanned: ScannedMarkdown = { lines: [], comments: [] }
  let state: ScanState = { kind: 'text' }
  for (const line of text.split(/\r\n|\r|\n/)) {
    state = scanLine(state, line, scanned)
  }
  return scanned
}

function scanLine(
  state: ScanState,
  line: string,
  scanned: ScannedMarkdown
): ScanState {
  switch (state.kind) {
    case 'fence':
      return isFenceClose(line, state) ? { kind: 'text' } : state
    case 'html':
      return endsHtmlBlock(line, state.end) ? { kind: 'text' } : state
    case 'comment':
      return continueComment(state, line, scanned)
    case 'text':
      return scanTextLine(line, scanned)
  }
}

function scanTextLine(line: string, scanned: ScannedMarkdown): ScanState {
  const fence = fenceOpen(line)
  if (fence) return fence
  // A line that starts a comment block is HTML to its end, text included.
  if (COMMENT_BLOCK.test(line)) return readComments(line, scanned, false)
  const block = HTML_BLOCKS.find((candidate) => candidate.start.test(line))
  if (block) {
    const closed = block.end !== null && block.end.test(line)
    return closed ? { kind: 'text' } : { kind: 'html', end: block.end }
  }
  return readComments(line, scanned, true)
}

function continueComment(
  state: { kind: 'comment'; parts: string[] },
  line: string,
  scanned: ScannedMarkdown
): ScanState {
  const end = line.indexOf('-->')
  if (end === -1) {
    state.parts.push(line)
    return state
  }
  scanned.comments.push([...state.parts, line.slice(0, end)].join('\n'))
  // What follows the end of a comment on its last line is dropped: in a
  // block it is HTML, and in a paragraph it cannot start a list item.
  return readComments(line.slice(end + 3), scanned, false)
}

/**
 * Collects the complete comments in a line, keeps the text around them when
 * `keepText`, and opens a comment state when one is left unclosed.
 */
function readComments(
  line: string,
  scanned: ScannedMarkdown,
  keepText: boolean
): ScanState {
  let visible = ''
  let position = 0
  for (;;) {
    const start = keepText
      ? commentStartOutsideCode(line, position)
      : line.indexOf('<!--', position)
    if (start === -1) break
    visible += line.slice(position, start)
    const end = line.indexOf('-->', start + 4)
    if (end === -1) {
      if (keepText) scanned.lines.push(visible)
      return { kind: 'comment', parts: [line.slice(start + 4)] }
    }
    scanned.comments.push(line.slice(start + 4, end))
    position = end + 3
  }
  if (keepText) scanned.lines.push(visible + line.slice(position))
  return { kind: 'text' }
}

/**
 * Finds the next `<!--` of a text line that is not inside a code span. A
 * code span and a comment weigh the same in CommonMark, so whichever opens
 * first wins; a backtick run with no closing run on the line is literal.
 */
function commentStartOutsideCode(line: string, from: number): number {
  let position = from
  for (;;) {
    const comment = line.indexOf('<!--', position)
    const tick = line.indexOf('`', position)
    if (comment === -1 || tick === -1 || comment < tick) return comment
    let afterOpening = tick
    while (line.charAt(afterOpening) === '`') afterOpening += 1
    const length = afterOpening - tick
    const closing = findClosingRun(line, afterOpening, length)
    position = closing === -1 ? afterOpening : closing + length
  }
}

/** Finds the backtick run of exactly `length` that closes a code span. */
export function findClosingRun(
  line: string,
  from: number,
  length: number
): number {
  let position = from
  for (;;) {
    const next = line.indexOf('`', position)
    if (next === -1) return -1
    let after = next
    while (line.charAt(after) === '`') after += 1
    if (after - next === length) return next
    position = after
  }
}

function fenceOpen(line: string): ScanState | null {
  const match = FENCE_OPEN.exec(line)
  const run = match?.[1]
  if (!match || !run) return null
  // A backtick fence's info string may not hold backticks (CommonMark 4.5).
  if (run.startsWith('`') && (match[2] ?? '').includes('`')) return null
  return { kind: 'fence', char: run.charAt(0), length: run.length }
}

function isFenceClose(
  line: string,
  fence: { char: string; length: number }
): boolean {
  const run = FENCE_CLOSE.exec(line)?.[1]
  return (
    run !== undefined &&
    run.startsWith(fence.char) &&
    run.length >= fence.length
  )
}

function endsHtmlBlock(line: string, end: RegExp | null): boolean {
  return end === null ? line.trim() === '' : end.test(line)
}
