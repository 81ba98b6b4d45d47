import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import { parseReviewIssue } from '../../src/github/issue-parse.ts'
import { decodeCodeText } from '../../src/github/issue-text.ts'
import { RUN_CONTEXT, makePlan } from './plan-fixture.ts'

const MARKER =
  '<!-- reltio-inactive-users customer=AcmeCorp run=1 plan=p1 -->\n'
const CONTINUATION = '<!-- reltio-inactive-users continuation=1 plan=p1 -->\n'

// Pieces that mean something to Markdown or to our parser, mixed with
// arbitrary text, so the generator reaches the interesting corners.
const fragment = fc.constantFrom(
  '- [x] `',
  '- [ ] `',
  '* [X] ',
  '1. [ ] ``',
  '`',
  '``',
  '```',
  '~~~~',
  '<!--',
  '-->',
  '<details>',
  '<pre>',
  '</pre>',
  '\n',
  '\n\n',
  '\r\n',
  '    ',
  '> ',
  '%{60}',
  '%{d800}',
  'alice',
  MARKER,
  CONTINUATION
)
const anyUnit = fc.oneof(
  fc.constantFrom('`', '<', '>', '-', '%', '{', '}', ' ', '\n', '\r', '\u202e'),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
)
const markdown = fc
  .array(fc.oneof(fragment, fc.string({ unit: anyUnit, maxLength: 12 })), {
    maxLength: 60
  })
  .map((parts) => parts.join(''))

// Whole lines, so that many documents hold real task items among fences,
// comments and HTML blocks.
const line = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('- [x] `', '- [ ] `', '1. [X] `'),
      fc.string({ unit: anyUnit, minLength: 1, maxLength: 8 }),
      fc.constant('`')
    )
    .map((parts) => parts.join('')),
  fc
    .tuple(
      fc.constantFrom(
        '- ',
        '* ',
        '+ ',
        '1. ',
        '   - ',
        '    - ',
        '> - ',
        '-  '
      ),
      fc.constantFrom('[x] ', '[ ] ', '[X]\t', '[x]', '[y] '),
      fc.constantFrom('`', '``', '` '),
      fc.string({ unit: anyUnit, maxLength: 8 }),
      fc.constantFrom('`', '``', ' `', ''),
      fc.string({ maxLength: 6 })
    )
    .map((parts) => parts.join('')),
  fc.constantFrom('```', '~~~', '````', '<!--', '-->', '<details>', '', 'text'),
  fc.string({ unit: anyUnit, maxLength: 10 })
)
const markdownLines = fc
  .array(line, { maxLength: 40 })
  .map((lines) => lines.join('\n'))
const anyMarkdown = fc.oneof(markdown, markdownLines)

const TASK_PREFIX = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]{1,4}\[[ xX]\][ \t]+`/

/** True when some task-item line of the texts holds the username. */
function comesFromTaskLine(username: string, texts: string[]): boolean {
  return texts
    .flatMap((text) => text.split(/\r\n|\r|\n/))
    .some(
      (line) =>
        TASK_PREFIX.test(line) && decodeCodeText(line).includes(username)
    )
}

describe('parseReviewIssue (fuzzed)', () => {
  it('never throws and yields only usernames of task-item lines', () => {
    let withItems = 0
    fc.assert(
      fc.property(
        anyMarkdown,
        fc.array(anyMarkdown, { maxLength: 3 }),
        (body, comments) => {
          const parsed = parseReviewIssue(body, comments)
          if (parsed.items.length > 0) withItems += 1
          for (const item of parsed.items) {
            expect(item.username).not.toBe('')
            expect(comesFromTaskLine(item.username, [body, ...comments])).toBe(
              true
            )
          }
        }
      ),
      { numRuns: 1000 }
    )
    // The property means little unless many documents held items at all.
    expect(withItems).toBeGreaterThan(100)
  })

  it('round-trips any usernames and ticks through render and parse', () => {
    const usernames = fc.uniqueArray(
      fc.string({ unit: anyUnit, minLength: 1, maxLength: 16 }),
      { minLength: 1, maxLength: 25 }
    )
    const withKeep = usernames.chain((names) =>
      fc.tuple(fc.constant(names), fc.subarray(names))
    )
    fc.assert(
      fc.property(withKeep, ([names, kept]) => {
        const keep = new Set(kept)
        const rendered = renderReviewIssue(makePlan(names), {
          ...RUN_CONTEXT,
          keep
        })
        const parsed = parseReviewIssue(rendered.body, rendered.continuations)
        expect(parsed.items).toEqual(
          names.map((username) => ({ username, ticked: !keep.has(username) }))
        )
      }),
      { numRuns: 300 }
    )
  })

  it('yields nothing from inside a code fence', () => {
    const inside = markdown.filter((text) => !text.includes('~~~'))
    fc.assert(
      fc.property(inside, (text) => {
        const body = `${MARKER}~~~~~~~~~~\n${text}\n~~~~~~~~~~`
        expect(parseReviewIssue(body, []).items).toEqual([])
      }),
      { numRuns: 300 }
    )
  })

  it('yields nothing from inside an HTML comment', () => {
    const inside = markdown.filter((text) => !text.includes('-->'))
    fc.assert(
      fc.property(inside, (text) => {
        const body = `${MARKER}<!--\n${text}\n-->`
        expect(parseReviewIssue(body, []).items).toEqual([])
      }),
      { numRuns: 300 }
    )
  })

  it('reads a huge body of many items', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `- [x] \`u${i}\``)
    const parsed = parseReviewIssue(MARKER + lines.join('\n'), [])
    expect(parsed.items).toHaveLength(100_000)
    expect(parsed.items.at(-1)).toEqual({ username: 'u99999', ticked: true })
  })

  it.each([
    ['one long run of backticks', `- [x] \`${'`'.repeat(500_000)}`],
    ['many short backtick runs', `- [x] \`\`\`${'` '.repeat(300_000)}`],
    ['nested comment openers', '<!--'.repeat(300_000)],
    ['many tag-like lines', '<a b c d e f\n'.repeat(100_000)],
    ['one line of boxes', '- [x] '.repeat(300_000)]
  ])('returns on a pathological body: %s', (_name, body) => {
    expect(parseReviewIssue(body, [body]).items).toEqual([])
  })
})
