import { describe, expect, it } from 'vitest'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import {
  parseOwnComment,
  parseReviewIssue,
  parseReviewMarker
} from '../../src/github/issue-parse.ts'
import { RUN_CONTEXT, makePlan } from './plan-fixture.ts'

const MARKER =
  '<!-- reltio-inactive-users customer=AcmeCorp run=4242 plan=p1 -->'
const ctx = { ...RUN_CONTEXT, keep: new Set<string>() }

function itemsOf(body: string, comments: string[] = []) {
  return parseReviewIssue(`${MARKER}\n${body}`, comments).items
}

describe('parseReviewIssue', () => {
  it('reads the marker with its customer, run and plan', () => {
    expect(parseReviewIssue(MARKER, []).marker).toEqual({
      customerId: 'AcmeCorp',
      runId: '4242',
      planId: 'p1'
    })
  })

  it('reads an empty run as none and finds no marker in plain text', () => {
    const noRun = '<!-- reltio-inactive-users customer=A run= plan=p -->'
    expect(parseReviewMarker(noRun)?.runId).toBeNull()
    expect(parseReviewMarker('reltio-inactive-users customer=A')).toBeNull()
  })

  it('ignores a marker quoted in a code fence', () => {
    const body = `\`\`\`\n${MARKER}\n\`\`\``
    expect(parseReviewIssue(body, []).marker).toBeNull()
  })

  it.each([
    ['- [x] `alice`', true],
    ['- [ ] `alice`', false],
    ['* [X] `alice` — text', true],
    ['+ [x]\t`alice`', true],
    ['1. [x] `alice`', true],
    ['12) [ ] `alice`', false],
    ['   - [x] `alice`', true],
    ['- [x] `` alice ``', true],
    ['- [x] <!-- note --> `alice`', true]
  ])('reads %j as alice, ticked %s', (line, ticked) => {
    expect(itemsOf(line)).toEqual([{ username: 'alice', ticked }])
  })

  it.each([
    ['a plain bullet', '- `alice`'],
    ['text before the username', '- [x] user `alice`'],
    ['no space after the box', '- [x]`alice`'],
    ['an unclosed code span', '- [x] `alice'],
    ['a mismatched code span', '- [x] ``alice`'],
    ['a box alone', '- [x] '],
    ['a box with another mark', '- [v] `alice`'],
    ['an indented code block', '    - [x] `alice`'],
    ['a block quote', '> - [x] `alice`'],
    ['a wide list marker gap', '-      [x] `alice`'],
    ['a paragraph', 'See [x] `alice`']
  ])('yields nothing for %s', (_name, line) => {
    expect(itemsOf(line)).toEqual([])
  })

  it.each([
    ['backtick', '```\n- [x] `alice`\n```'],
    ['tilde', '~~~ md\n- [x] `alice`\n~~~'],
    ['long', '`````\n- [x] `alice`\n```\n- [x] `bob`\n`````'],
    ['indented', '- note\n  ```\n  - [x] `alice`\n  ```'],
    ['unclosed', '```\n- [x] `alice`\n\n- [x] `bob`']
  ])('skips task items in a %s code fence', (_name, body) => {
    expect(itemsOf(body)).toEqual([])
  })

  it('does not mistake inline code for a fence', () => {
    const body = '```x` inline\n- [x] `alice`'
    expect(itemsOf(body)).toEqual([{ username: 'alice', ticked: true }])
  })

  it.each([
    ['a one-line comment', '<!-- - [x] `alice` -->'],
    ['a comment block', '<!--\n- [x] `alice`\n-->'],
    ['text after a comment block', '<!-- x --> - [x] `alice`'],
    ['a comment opened mid-line', 'text <!-- start\n- [x] `alice`\n-->'],
    ['an unclosed comment', '<!--\n- [x] `alice`'],
    ['a raw HTML block', '<details>\n- [x] `alice`'],
    ['a pre block', '<pre>\n\n- [x] `alice`\n</pre>']
  ])('skips task items in %s', (_name, body) => {
    expect(itemsOf(body)).toEqual([])
  })

  // Code spans and comments weigh the same: whichever opens first wins.
  it.each([
    ['a comment inside the code span', '- [x] `a<!---->b`', 'a<!---->b'],
    ['a comment after the code span', '- [x] `alice` <!-- `x` -->', 'alice'],
    ['a comment before the code span', '- [x] <!-- x -->`alice`', 'alice'],
    ['an unclosed backtick before it', '- [x] `` `alice` <!-- x -->', null]
  ])('reads %s as GitHub shows it', (_name, line, username) => {
    const expected = username === null ? [] : [{ username, ticked: true }]
    expect(itemsOf(line)).toEqual(expected)
  })

  it('reads items again after an HTML block ends at a blank line', () => {
    const body =
      '<details>\n<summary>more</summary>\n\n- [ ] `alice`\n\n</details>'
    expect(itemsOf(body)).toEqual([{ username: 'alice', ticked: false }])
  })

  it('handles CRLF line endings', () => {
    expect(itemsOf('- [x] `alice`\r\n- [ ] `bob`\r\n')).toEqual([
      { username: 'alice', ticked: true },
      { username: 'bob', ticked: false }
    ])
  })

  it('adds continuation comments of the same plan, in their order', () => {
    const part = (k: number, plan: string, user: string) =>
      `<!-- reltio-inactive-users continuation=${k} plan=${plan} -->\n- [x] \`${user}\``
    const comments = [
      part(2, 'p1', 'carol'),
      'a reviewer writes\n- [x] `mallory`',
      part(1, 'other-plan', 'trudy'),
      part(1, 'p1', 'bob')
    ]
    expect(itemsOf('- [ ] `alice`', comments)).toEqual([
      { username: 'alice', ticked: false },
      { username: 'bob', ticked: true },
      { username: 'carol', ticked: true }
    ])
  })

  it('counts no comments when the body has no marker', () => {
    const comment =
      '<!-- reltio-inactive-users continuation=1 plan=p1 -->\n- [x] `bob`'
    expect(parseReviewIssue('- [x] `alice`', [comment]).items).toEqual([
      { username: 'alice', ticked: true }
    ])
  })

  it('tolerates values that are not text', () => {
    const bad = null as unknown as string
    expect(parseReviewIssue(bad, [bad])).toEqual({ marker: null, items: [] })
  })
})

describe('parseReviewIssue on rendered bodies', () => {
  const odd = [
    'back`tick',
    '``double``',
    '` leading',
    ' padded ',
    'new\nline',
    'cr\rlf',
    'a<!--b',
    'x-->y',
    '<b>bold</b>',
    '50%{60}off',
    '100%',
    '%{zz}',
    'tab\there',
    'rtl\u202eevil',
    'zero\u200bwidth',
    'emoji😀',
    'lone\ud800surrogate',
    '- [x] `nested`',
    '   ',
    'ends with space '
  ]

  it.each(odd)('round-trips the username %j', (username) => {
    const plan = makePlan([username, 'plain'])
    const keep = new Set(['plain'])
    const { body } = renderReviewIssue(plan, { ...ctx, keep })
    expect(parseReviewIssue(body, []).items).toEqual([
      { username, ticked: true },
      { username: 'plain', ticked: false }
    ])
  })

  it('keeps a reviewer untick made by editing the Markdown', () => {
    const { body } = renderReviewIssue(makePlan(['alice', 'bob']), ctx)
    const edited = body.replace('- [x] `bob`', '- [ ] `bob`')
    expect(parseReviewIssue(edited, []).items).toEqual([
      { username: 'alice', ticked: true },
      { username: 'bob', ticked: false }
    ])
  })
})

describe('parseOwnComment', () => {
  it('tells continuations and retired comments from others', () => {
    expect(
      parseOwnComment(
        '<!-- reltio-inactive-users continuation=3 plan=p%{2d}1 -->\nx'
      )
    ).toEqual({ kind: 'continuation', index: 3, planId: 'p-1' })
    expect(parseOwnComment('<!-- reltio-inactive-users retired -->')).toEqual({
      kind: 'retired'
    })
    expect(parseOwnComment('LGTM')).toBeNull()
  })
})
