import { describe, expect, it } from 'vitest'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import {
  findIssueByPlanId,
  findReviewIssue,
  readReviewIssue
} from '../../src/github/issue-find.ts'
import { FakeIssuesApi } from './fake-issues-api.ts'
import { RUN_CONTEXT, makePlan } from './plan-fixture.ts'

const labels = ['inactive-users']
const now = new Date('2026-05-01T00:00:00Z')

function bodyFor(usernames: string[], overrides = {}): string {
  const plan = makePlan(usernames, overrides)
  return renderReviewIssue(plan, { ...RUN_CONTEXT, keep: new Set() }).body
}

function recorder() {
  const warnings: string[] = []
  return { warnings, log: { warning: (m: string) => warnings.push(m) } }
}

describe('findReviewIssue', () => {
  it('finds the open issue whose marker names the customer', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['a'], { customerId: 'OtherCorp' }) })
    api.seedIssue({ body: 'no marker here' })
    api.seedIssue({ body: bodyFor(['a']) })
    const found = await findReviewIssue(api, { labels, customerId: 'AcmeCorp' })
    expect(found).toMatchObject({
      number: 3,
      state: 'open',
      marker: {
        customerId: 'AcmeCorp',
        runId: '4242',
        planId: 'a1b2c3d4e5f60718'
      }
    })
  })

  it('passes over pull requests, closed issues and other labels', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['a']), isPullRequest: true })
    api.seedIssue({ body: bodyFor(['a']), state: 'closed' })
    api.seedIssue({ body: bodyFor(['a']), labels: ['bug'] })
    expect(
      await findReviewIssue(api, { labels, customerId: 'AcmeCorp' })
    ).toBeNull()
  })

  it('reads every page of a long listing', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['a']) })
    for (let i = 0; i < 250; i += 1) api.seedIssue({ body: `other ${i}` })
    const found = await findReviewIssue(api, { labels, customerId: 'AcmeCorp' })
    expect(found?.number).toBe(1)
    expect(api.count('listForRepo')).toBe(3)
  })

  it('takes the newest of several and warns about the others', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['a']) })
    api.seedIssue({ body: bodyFor(['a']) })
    const { warnings, log } = recorder()
    const found = await findReviewIssue(api, {
      labels,
      customerId: 'AcmeCorp',
      log
    })
    expect(found?.number).toBe(2)
    expect(warnings).toEqual([
      'Found 2 open review issues for customer AcmeCorp (#2, #1); using the newest, #2. Close the others.'
    ])
  })
})

describe('findIssueByPlanId', () => {
  it('returns the open issue of the plan with its items read afresh', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['alice', 'bob']) })
    api.beforeGet = (n) => {
      const issue = api.issues.get(n)
      if (issue?.body)
        issue.body = issue.body.replace('- [x] `bob`', '- [ ] `bob`')
    }
    const found = await findIssueByPlanId(api, {
      labels,
      planId: 'a1b2c3d4e5f60718',
      now
    })
    expect(found.issue).toMatchObject({
      number: 1,
      state: 'open',
      runId: '4242'
    })
    expect(found.issue?.items).toEqual([
      { username: 'alice', ticked: true },
      { username: 'bob', ticked: false }
    ])
    expect(found.current?.number).toBe(1)
  })

  it('finds a recently closed issue and reports the current one', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({
      body: bodyFor(['alice'], { planId: 'old' }),
      state: 'closed',
      closedAt: '2026-04-20T00:00:00Z'
    })
    api.seedIssue({ body: bodyFor(['alice'], { planId: 'new' }) })
    const found = await findIssueByPlanId(api, { labels, planId: 'old', now })
    expect(found.issue).toMatchObject({ number: 1, state: 'closed' })
    expect(found.current).toMatchObject({
      number: 2,
      marker: { planId: 'new' }
    })
  })

  it('looks no further back than the window for closed issues', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({
      body: bodyFor(['alice'], { planId: 'old' }),
      state: 'closed',
      closedAt: '2026-03-20T00:00:00Z'
    })
    const found = await findIssueByPlanId(api, {
      labels,
      planId: 'old',
      now,
      closedWithinDays: 30
    })
    expect(found).toEqual({
      issue: null,
      current: null,
      currentPlanId: null,
      currentIssueNumber: null
    })
  })

  it('names the current plan of a customer when the plan id is stale', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['alice'], { planId: 'current' }) })
    api.seedIssue({
      body: bodyFor(['x'], { planId: 'theirs', customerId: 'Other' })
    })
    const found = await findIssueByPlanId(api, {
      labels,
      planId: 'stale',
      now,
      customerId: 'AcmeCorp'
    })
    expect(found).toMatchObject({
      issue: null,
      currentPlanId: 'current',
      currentIssueNumber: 1
    })
  })

  it('guesses the current issue only when one customer has issues open', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['alice'], { planId: 'current' }) })
    const lookup = { labels, planId: 'stale', now }
    expect((await findIssueByPlanId(api, lookup)).current?.number).toBe(1)
    api.seedIssue({ body: bodyFor(['x'], { customerId: 'Other' }) })
    expect((await findIssueByPlanId(api, lookup)).current).toBeNull()
  })

  it('refuses the issue when a new report replaced its plan meanwhile', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: bodyFor(['alice'], { planId: 'p1' }) })
    api.beforeGet = (n) => {
      const issue = api.issues.get(n)
      if (issue) issue.body = bodyFor(['alice', 'bob'], { planId: 'p2' })
    }
    const found = await findIssueByPlanId(api, { labels, planId: 'p1', now })
    expect(found.issue).toBeNull()
    expect(found.current?.number).toBe(1)
  })
})

describe('readReviewIssue', () => {
  it('counts continuation comments only from the issue author', async () => {
    const api = new FakeIssuesApi()
    const { number } = api.seedIssue({ body: bodyFor(['alice']) })
    const part = (user: string) =>
      `<!-- reltio-inactive-users continuation=1 plan=a1b2c3d4e5f60718 -->\n- [x] \`${user}\``
    api.seedComment(number, part('bob'))
    api.seedComment(number, part('mallory'), 'mallory')
    api.seedComment(number, 'LGTM')
    const read = await readReviewIssue(api, number)
    expect(read.ownComments).toHaveLength(1)
    expect(read.parsed.items.map((i) => i.username)).toEqual(['alice', 'bob'])
  })
})
