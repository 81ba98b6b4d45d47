/**
 * Properties of the two decisions before any write: which bucket a user is
 * in, and which plan candidates the review issue approves.
 *
 * test/inactivity/classify.test.ts checks bucket rules on well-formed users
 * and test/github/issue-parse-fuzz.test.ts checks the parser alone; these
 * add users with unknown and nested fields, unicode and odd dates, and the
 * parser and selectApproved together: whatever the issue says, nobody
 * outside the plan is approved.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { selectApproved } from '../../src/approval/select.ts'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import { parseReviewIssue } from '../../src/github/issue-parse.ts'
import { classifyUsers } from '../../src/inactivity/classify.ts'
import { BUCKETS } from '../../src/inactivity/types.ts'
import type { ReltioUser } from '../../src/reltio/schemas.ts'
import { DAY_MS, NOW, settings } from '../approval/helpers.ts'
import { RUN_CONTEXT, makePlan } from '../github/plan-fixture.ts'

const text = fc.string({ unit: 'grapheme', maxLength: 10 })
const fieldName = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', 'lastLogin', 'Enabled')
)

/** Dates as they may reach the classifier: sane, odd, or not dates at all. */
const oddDate = fc.oneof(
  fc.integer({
    min: NOW.getTime() - 400 * DAY_MS,
    max: NOW.getTime() + 3 * DAY_MS
  }),
  fc.integer({ min: -8_640_000_000_000_001, max: 8_640_000_000_000_001 }),
  fc.double({ noDefaultInfinity: true }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .integer({ min: 0, max: 400 })
    .map((days) =>
      new Date(NOW.getTime() - days * DAY_MS)
        .toISOString()
        .replace('Z', '+05:30')
    ),
  fc.constantFrom(
    null,
    undefined,
    '',
    ' ',
    '2025-02-30T00:00:00Z',
    '2025-05-01',
    '1717200000',
    '1.7e12',
    'NaN',
    '-0',
    '２０２５-０１-０１'
  )
)

const wildUser = fc.record(
  {
    username: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    email: fc.option(fc.oneof(text, fc.emailAddress()), { nil: undefined }),
    enabled: fc.constantFrom(true, false, undefined),
    groups: fc.option(
      fc.array(fc.oneof(text, fc.constant('service_accounts'))),
      { nil: null }
    ),
    userPermissions: fc.option(
      fc.record({
        roles: fc.option(
          fc.dictionary(
            fc.oneof(
              text,
              fc.constantFrom('ROLE_API', 'ROLE_ADMIN_TENANT_x', 'role_user')
            ),
            fc.option(fc.array(text), { nil: null })
          ),
          { nil: null }
        ),
        extra: fc.jsonValue({ maxDepth: 3 })
      }),
      { nil: null }
    ),
    lastLoginDate: oddDate,
    passwordChangedDate: oddDate,
    unknown: fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 4
    })
  },
  { requiredKeys: ['username'] }
)

const wildSettings = fc.record({
  inactiveDays: fc.integer({ min: 1, max: 400 }),
  warnDays: fc.integer({ min: 0, max: 60 }),
  neverLoggedInDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  exclude: fc.array(
    fc.oneof(text, fc.constantFrom('*', '?*', '*@example.com')),
    { maxLength: 2 }
  ),
  policyInactiveDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null })
})

describe('classifyUsers on arbitrary users (property)', () => {
  it('puts every user in exactly one bucket, the same one every time', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(wildUser, {
          selector: (u) => u.username,
          maxLength: 25
        }),
        wildSettings,
        (users, partial) => {
          const chosen = settings(partial)
          const input = users as unknown as ReltioUser[]
          const copy = structuredClone(input)
          const first = classifyUsers(input, NOW, chosen)
          const again = classifyUsers(structuredClone(input), NOW, chosen)
          const reversed = classifyUsers([...input].reverse(), NOW, chosen)

          expect(first).toEqual(again)
          expect(first).toEqual(reversed)
          expect(input).toEqual(copy)
          expect(first.users.map((u) => u.username).sort()).toEqual(
            input.map((u) => u.username).sort()
          )
          for (const classified of first.users) {
            expect(BUCKETS.filter((b) => b === classified.bucket)).toHaveLength(
              1
            )
            expect(classified.reason).not.toBe('')
          }
        }
      ),
      { numRuns: 400 }
    )
  })
})

// Username-ish text with the characters that make Markdown and matching
// interesting: backticks, case, zero-width and bidi marks, table pipes.
const username = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'a',
        'B',
        'é',
        'ß',
        '.',
        '@',
        '-',
        '_',
        '`',
        '|',
        '*',
        '\u200b',
        '\u202e',
        ' '
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
    ),
    { minLength: 1, maxLength: 10 }
  )
  .map((parts) => parts.join(''))
  .filter((name) => name.trim() !== '')

const taskItem = (name: string, ticked: boolean, bullet: string): string =>
  `${bullet} [${ticked ? 'x' : ' '}] \`${name.replaceAll('`', '')}\` note`

/** Markdown lines about `plan` and `outsiders`, hidden or plain. */
function lineAbout(plan: string[], outsiders: string[]) {
  const anyName = fc.oneof(
    fc.constantFrom(...plan),
    fc.constantFrom(...outsiders),
    fc.constantFrom(...plan).map((n) => n.toUpperCase()),
    fc.constantFrom(...plan).map((n) => `${n}\u200b`),
    fc.constantFrom(...plan).map((n) => ` ${n}x`)
  )
  const item = fc
    .tuple(
      anyName,
      fc.boolean(),
      fc.constantFrom('-', '*', '+', '1.', '   -', '    -', '> -')
    )
    .map(([name, ticked, bullet]) => taskItem(name, ticked, bullet))
  return fc.oneof(
    item,
    item.map((line) => `\`\`\`\n${line}\n\`\`\``),
    item.map((line) => `<!--\n${line}\n-->`),
    item.map((line) => `<details>\n\n${line}\n\n</details>`),
    fc.constantFrom('```', '~~~', '<!--', '-->', '', '| a | b |', '---'),
    fc.string({ unit: 'grapheme', maxLength: 20 })
  )
}

const scenario = fc
  .tuple(
    fc.uniqueArray(username, { minLength: 1, maxLength: 8 }),
    fc.uniqueArray(username, { minLength: 1, maxLength: 4 })
  )
  .map(([plan, outsiders]) => ({
    plan,
    outsiders: outsiders.filter((o) => !plan.includes(o))
  }))
  .filter(({ outsiders }) => outsiders.length > 0)

/** Usernames of the plan that `selection.approved` holds. */
function approvedNames(selection: ReturnType<typeof selectApproved>): string[] {
  return selection.approved.map((c) => c.username)
}

describe('parseReviewIssue with selectApproved (property)', () => {
  it('approves only plan candidates, whatever Markdown the issue holds', () => {
    fc.assert(
      fc.property(
        scenario.chain(({ plan, outsiders }) =>
          fc.tuple(
            fc.constant(plan),
            fc.array(lineAbout(plan, outsiders), { maxLength: 40 }),
            fc.array(fc.array(lineAbout(plan, outsiders), { maxLength: 10 }), {
              maxLength: 2
            })
          )
        ),
        ([names, lines, commentLines]) => {
          const plan = makePlan(names)
          const rendered = renderReviewIssue(plan, {
            ...RUN_CONTEXT,
            keep: new Set()
          })
          // People edit the body: their lines land after the generated list.
          const body = `${rendered.body}\n${lines.join('\n')}`
          const comments = commentLines.map((c) => c.join('\n'))
          const selection = selectApproved(
            plan,
            parseReviewIssue(body, comments).items
          )

          for (const candidate of selection.approved) {
            expect(plan.candidates).toContain(candidate)
          }
          expect(new Set(approvedNames(selection)).size).toBe(
            selection.approved.length
          )
        }
      ),
      { numRuns: 500 }
    )
  })

  it('approves nobody a reviewer unticked, wherever else the name appears', () => {
    fc.assert(
      fc.property(
        scenario.chain(({ plan, outsiders }) =>
          fc.tuple(
            fc.constant(plan),
            fc.subarray(plan),
            fc.array(lineAbout(plan, outsiders), { maxLength: 30 })
          )
        ),
        ([names, kept, noise]) => {
          const plan = makePlan(names)
          const keep = new Set(kept)
          const rendered = renderReviewIssue(plan, { ...RUN_CONTEXT, keep })
          const body = `${rendered.body}\n${noise.join('\n')}`
          const selection = selectApproved(
            plan,
            parseReviewIssue(body, []).items
          )
          for (const name of approvedNames(selection)) {
            expect(keep.has(name)).toBe(false)
          }
        }
      ),
      { numRuns: 500 }
    )
  })

  it('approves only plan candidates from a huge edited body', () => {
    const names = Array.from(
      { length: 3000 },
      (_, i) => `user${i}@acme.example`
    )
    const plan = makePlan(names)
    const rendered = renderReviewIssue(plan, {
      ...RUN_CONTEXT,
      keep: new Set()
    })
    const noise = fc.sample(
      lineAbout(names.slice(0, 50), ['intruder@evil.example']),
      {
        numRuns: 20_000,
        seed: 5
      }
    )
    const body = `${rendered.body}\n${noise.join('\n')}`
    const selection = selectApproved(
      plan,
      parseReviewIssue(body, rendered.continuations).items
    )
    expect(body.length).toBeGreaterThan(500_000)
    const planned = new Set(names)
    expect(approvedNames(selection).every((name) => planned.has(name))).toBe(
      true
    )
    expect(approvedNames(selection)).not.toContain('intruder@evil.example')
  })
})
