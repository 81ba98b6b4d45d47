import { describe, expect, it } from 'vitest'
import {
  AllowlistError,
  parseAllowlist,
  splitAllowlist
} from '../../src/inactivity/allowlist.ts'

function problemsOf(text: string): string[] {
  try {
    parseAllowlist(text)
  } catch (error) {
    if (error instanceof AllowlistError) return error.problems
    throw error
  }
  throw new Error('expected the allowlist to be refused')
}

describe('parseAllowlist', () => {
  it('reads entries with and without expires', () => {
    const text = [
      'allow:',
      '  - match: ceo@example.com   # twice a year',
      '    reason: logs in twice a year',
      '    owner: it-security@example.com',
      '    expires: 2027-06-30',
      "  - match: 'svc-*'",
      '    reason: service accounts',
      '    owner: platform'
    ].join('\n')
    expect(parseAllowlist(text)).toEqual([
      {
        match: 'ceo@example.com',
        reason: 'logs in twice a year',
        owner: 'it-security@example.com',
        expires: '2027-06-30'
      },
      {
        match: 'svc-*',
        reason: 'service accounts',
        owner: 'platform',
        expires: null
      }
    ])
  })

  it('reads an expires that YAML 1.1 turned into a timestamp', () => {
    const text =
      '%YAML 1.1\n---\nallow:\n  - {match: a, reason: b, owner: c, expires: 2027-06-30}\n'
    expect(parseAllowlist(text)[0]?.expires).toBe('2027-06-30')
  })

  it.each([
    ['an empty file', ''],
    ['only comments', '# nobody yet\n'],
    ['an empty allow', 'allow:\n'],
    ['an empty list', 'allow: []\n']
  ])('reads %s as no entries', (_, text) => {
    expect(parseAllowlist(text)).toEqual([])
  })

  it.each([
    [
      'a missing owner',
      'allow:\n  - match: a\n    reason: b\n',
      "entry 1 (line 2): field 'owner' is required"
    ],
    [
      'an empty reason',
      'allow:\n  - match: a\n    reason: ""\n    owner: c\n',
      "entry 1 (line 2): field 'reason' is required"
    ],
    [
      'a number as match',
      'allow:\n  - match: 007\n    reason: b\n    owner: c\n',
      "entry 1 (line 2): field 'match' must be text; put it in quotes"
    ],
    [
      'an unknown field',
      'allow:\n  - match: a\n    reason: b\n    owner: c\n    expire: 2027-01-01\n',
      "entry 1 (line 2): field 'expire' is not known; use match, reason, owner and expires"
    ],
    [
      'a bad expires',
      'allow:\n  - match: a\n    reason: b\n    owner: c\n    expires: 2027-02-30\n',
      "entry 1 (line 2): field 'expires' must be a day written YYYY-MM-DD; got '2027-02-30'"
    ],
    [
      'an entry that is not a mapping',
      'allow:\n  - ceo@example.com\n',
      'entry 1 (line 2): must be a mapping with match, reason and owner'
    ],
    [
      'a top-level list',
      '- match: a\n',
      "line 1: the file must start with 'allow:'"
    ],
    [
      'an unknown top-level key',
      'allow: []\nallowed: []\n',
      "line 2: unknown key 'allowed'; only 'allow' is read"
    ],
    [
      'allow as a mapping',
      'allow:\n  match: a\n',
      "line 2: 'allow' must be a list of entries"
    ]
  ])('refuses %s, naming where', (_, text, problem) => {
    expect(problemsOf(text)).toEqual([problem])
  })

  it('lists every problem of every entry, with the entry index', () => {
    const text = [
      'allow:',
      '  - match: a',
      '    reason: b',
      '    owner: c',
      '  - match: d',
      '  - reason: e',
      '    owner: f'
    ].join('\n')
    expect(problemsOf(text)).toEqual([
      "entry 2 (line 5): field 'reason' is required",
      "entry 2 (line 5): field 'owner' is required",
      "entry 3 (line 6): field 'match' is required"
    ])
  })

  it('reports a YAML syntax error with its line', () => {
    const [problem] = problemsOf('allow:\n  - match: "unclosed\n')
    expect(problem).toMatch(/^line \d+: /)
  })

  it('refuses duplicate keys', () => {
    expect(problemsOf('allow: []\nallow: []\n')[0]).toMatch(
      /^line 2: .*unique/i
    )
  })
})

describe('splitAllowlist', () => {
  const entry = (expires: string | null) => ({
    match: 'm',
    reason: 'r',
    owner: 'o',
    expires
  })

  it.each([
    ['the day before expiry', '2027-06-29T12:00:00Z', true],
    ['the start of the expiry day', '2027-06-30T00:00:00Z', true],
    ['the last ms of the expiry day', '2027-06-30T23:59:59.999Z', true],
    ['the start of the day after', '2027-07-01T00:00:00Z', false],
    ['a year later', '2028-06-30T00:00:00Z', false]
  ])('applies an entry expiring 2027-06-30 at %s: %s', (_, now, applies) => {
    const dated = entry('2027-06-30')
    const { active, expired } = splitAllowlist([dated], new Date(now))
    expect(active).toEqual(applies ? [dated] : [])
    expect(expired).toEqual(applies ? [] : [dated])
  })

  it('always applies an entry without expires', () => {
    const forever = entry(null)
    const result = splitAllowlist([forever], new Date('2999-01-01T00:00:00Z'))
    expect(result).toEqual({ active: [forever], expired: [] })
  })
})
