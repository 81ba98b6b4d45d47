import { describe, expect, it } from 'vitest'
import {
  renderNoCandidatesComment,
  renderReviewIssue,
  splitComment
} from '../../src/github/issue-body.ts'
import { parseReviewIssue } from '../../src/github/issue-parse.ts'
import { MAX_BODY_BYTES, byteSize } from '../../src/github/issue-text.ts'
import {
  RUN_CONTEXT,
  candidate,
  excludedUser,
  makePlan,
  usernames
} from './plan-fixture.ts'

const ctx = { ...RUN_CONTEXT, keep: new Set<string>() }

function candidateLines(body: string): string[] {
  return body.split('\n').filter((line) => /^- \[[ x]\] /.test(line))
}

describe('renderReviewIssue', () => {
  it('titles the issue with the customer and hides the marker on top', () => {
    const { title, body } = renderReviewIssue(makePlan(['alice']), ctx)
    expect(title).toBe('Inactive Reltio users: AcmeCorp')
    expect(body.split('\n')[0]).toBe(
      '<!-- reltio-inactive-users customer=AcmeCorp run=4242 plan=a1b2c3d4e5f60718 -->'
    )
    expect(body).toContain('\nplan-id: a1b2c3d4e5f60718\n')
  })

  it('writes each candidate as a ticked task item led by the username', () => {
    const plan = makePlan([
      candidate('alice', { pastReltioPolicy: true }),
      candidate('bob', { email: null, lastLoginDate: null, daysInactive: null })
    ])
    expect(candidateLines(renderReviewIssue(plan, ctx).body)).toEqual([
      '- [x] `alice` — `alice@example.com`, last login 2026-01-02, 120 days inactive (past Reltio policy)',
      '- [x] `bob` — no email, no login on record'
    ])
  })

  it('leaves users in the keep set unticked', () => {
    const plan = makePlan(['alice', 'bob', 'carol'])
    const keep = new Set(['bob'])
    const lines = candidateLines(renderReviewIssue(plan, { ...ctx, keep }).body)
    expect(lines.map((line) => line.slice(0, 5))).toEqual([
      '- [x]',
      '- [ ]',
      '- [x]'
    ])
  })

  it('says exactly how to approve, with the gh command', () => {
    const { body } = renderReviewIssue(makePlan(['alice']), ctx)
    expect(body).toContain('Untick every user to keep.')
    expect(body).toContain(
      '**Actions › [reltio-inactive-users.yml](https://github.com/acme/ops/actions/workflows/reltio-inactive-users.yml) › Run workflow**'
    )
    expect(body).toContain(
      '\ngh workflow run reltio-inactive-users.yml -f approve=true -f plan-id=a1b2c3d4e5f60718\n'
    )
    expect(body).toContain(
      '[run 4242](https://github.com/acme/ops/actions/runs/4242)'
    )
  })

  it('names the workflow file it was given, without its directory', () => {
    const workflowFile = '.github/workflows/inactive.yaml'
    const { body } = renderReviewIssue(makePlan(['a']), {
      ...ctx,
      workflowFile
    })
    expect(body).toContain('\ngh workflow run inactive.yaml -f approve=true')
  })

  it('keeps odd record text inside code spans on one line', () => {
    const evil = candidate('eve', {
      email: '@octocat <script>x</script>\n- [x] `mallory` -->',
      lastLoginDate: 'yesterday'
    })
    const { body } = renderReviewIssue(makePlan([evil]), ctx)
    const line = candidateLines(body)[0] ?? ''
    expect(line).toMatch(/^- \[x\] `eve` — `@octocat %\{3c\}script%\{3e\}/)
    expect(body).not.toContain('<script>')
    expect(body).not.toContain('\n- [x] `mallory`')
    expect(body.match(/-->/g)).toHaveLength(1)
    expect(line).toContain('last login `yesterday`')
  })

  it('encodes an odd customer id so it cannot end the marker', () => {
    const plan = makePlan(['a'], { customerId: 'x --> y\n`z`' })
    const { title, body } = renderReviewIssue(plan, ctx)
    expect(body.split('\n')[0]).toBe(
      '<!-- reltio-inactive-users customer=x%{20}--%{3e}%{20}y%{a}%{60}z%{60} run=4242 plan=a1b2c3d4e5f60718 -->'
    )
    expect(title).toBe('Inactive Reltio users: x --> y `z`')
    expect(parseReviewIssue(body, []).marker?.customerId).toBe(plan.customerId)
  })

  it('lists a few approaching users and the exclusions per rule', () => {
    const approaching = usernames(12, 'soon').map((username, i) => ({
      username,
      email: null,
      daysLeft: i + 1,
      lastLoginDate: null
    }))
    const users = [
      excludedUser('svc1', 'role ROLE_API'),
      excludedUser('svc2', 'role ROLE_API'),
      excludedUser('ceo', 'allowlist: ceo@example.com (owner it: rare)')
    ]
    const counts = { ...makePlan([]).counts, excluded: 3, approaching: 12 }
    const plan = makePlan(['a'], { approaching, users, counts })
    const { body } = renderReviewIssue(plan, ctx)
    expect(body).toContain('### Approaching (12)')
    expect(body).toContain('- `soon0000` — 1 day left')
    expect(body).not.toContain('soon0010')
    expect(body).toContain('- …and 2 more in the report.')
    expect(body).toContain(
      '### Excluded (3)\n\n- `role ROLE_API`: 2 users\n- `allowlist: ceo@example.com (owner it: rare)`: 1 user'
    )
    expect(parseReviewIssue(body, []).items).toEqual([
      { username: 'a', ticked: true }
    ])
  })

  it('needs no continuation while the list fits in the body', () => {
    const rendered = renderReviewIssue(makePlan(usernames(200)), ctx)
    expect(rendered.continuations).toEqual([])
    expect(rendered.body).not.toContain('continued in')
  })

  it('continues 5,000 candidates in comments, each under the limit', () => {
    const names = usernames(5000)
    const keep = new Set(names.filter((_, i) => i % 7 === 0))
    const plan = makePlan(names)
    const rendered = renderReviewIssue(plan, { ...ctx, keep })
    const parts = [rendered.body, ...rendered.continuations]

    expect(rendered.continuations.length).toBeGreaterThan(1)
    for (const part of parts)
      expect(byteSize(part)).toBeLessThanOrEqual(MAX_BODY_BYTES)
    const n = rendered.continuations.length
    expect(rendered.body).toContain(`continued in ${n} comments below`)
    rendered.continuations.forEach((comment, k) => {
      expect(comment.split('\n')[0]).toBe(
        `<!-- reltio-inactive-users continuation=${k + 1} plan=a1b2c3d4e5f60718 -->`
      )
    })
    const parsed = parseReviewIssue(rendered.body, rendered.continuations)
    expect(parsed.items).toEqual(
      names.map((username) => ({ username, ticked: !keep.has(username) }))
    )
  })

  it('fills comments with wide characters without passing the limit', () => {
    const names = usernames(3000, 'ユーザー名前').map((n) => `${n}😀`)
    const rendered = renderReviewIssue(makePlan(names), ctx)
    for (const part of [rendered.body, ...rendered.continuations]) {
      expect(byteSize(part)).toBeLessThanOrEqual(MAX_BODY_BYTES)
    }
    const { items } = parseReviewIssue(rendered.body, rendered.continuations)
    expect(items.map((item) => item.username)).toEqual(names)
  })

  it('refuses a username too long for any comment rather than cut it', () => {
    const plan = makePlan(['x'.repeat(70_000)])
    expect(() => renderReviewIssue(plan, ctx)).toThrow(
      /cannot fit in one GitHub comment/
    )
  })

  it('says so when there are no candidates', () => {
    const { body } = renderReviewIssue(makePlan([]), ctx)
    expect(body).toContain('### Candidates (0)\n\nNo candidates.')
  })
})

describe('renderNoCandidatesComment', () => {
  it('links the report run and names the plan', () => {
    expect(renderNoCandidatesComment(makePlan([]), RUN_CONTEXT)).toBe(
      'No inactive users remain for `AcmeCorp`: the report of [run 4242](https://github.com/acme/ops/actions/runs/4242) (plan-id: a1b2c3d4e5f60718) found no candidates, so this issue is closed. A later report opens a new one when users become inactive again.'
    )
  })
})

describe('splitComment', () => {
  it('returns a short comment as it is', () => {
    expect(splitComment('hello')).toEqual(['hello'])
  })

  it('splits at line breaks and loses no text', () => {
    const lines = usernames(3000).map((name) => `| ${name} | deactivated |`)
    const text = lines.join('\n')
    const parts = splitComment(text, 10_000)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) expect(byteSize(part)).toBeLessThanOrEqual(10_000)
    const rejoined = parts
      .map((part, i) =>
        i === 0 ? part : part.replace('_(continued)_\n\n', '')
      )
      .join('\n')
    expect(rejoined).toBe(text)
  })

  it('cuts one overlong line into pieces rather than dropping it', () => {
    const parts = splitComment('é'.repeat(30_000), 10_000)
    expect(parts.length).toBeGreaterThan(5)
    for (const part of parts) expect(byteSize(part)).toBeLessThanOrEqual(10_000)
    const text = parts.map((p) => p.replace('_(continued)_\n\n', '')).join('')
    expect(text).toBe('é'.repeat(30_000))
  })
})
