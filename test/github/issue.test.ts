import { describe, expect, it } from 'vitest'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import { parseReviewIssue } from '../../src/github/issue-parse.ts'
import {
  closeIssue,
  commentOnIssue,
  upsertReviewIssue
} from '../../src/github/issue.ts'
import { BOT, FakeIssuesApi } from './fake-issues-api.ts'
import { RUN_CONTEXT, makePlan, usernames } from './plan-fixture.ts'

const ctx = { ...RUN_CONTEXT, labels: ['inactive-users', 'security'] }

function parsedIssue(api: FakeIssuesApi, issueNumber: number) {
  const issue = api.issues.get(issueNumber)
  const comments = api.commentsOf(issueNumber).map((c) => c.body ?? '')
  return parseReviewIssue(issue?.body ?? '', comments)
}

function untick(api: FakeIssuesApi, issueNumber: number, username: string) {
  const edit = (text: string) =>
    text.replace(`- [x] \`${username}\``, `- [ ] \`${username}\``)
  const issue = api.issues.get(issueNumber)
  if (issue?.body) issue.body = edit(issue.body)
  for (const comment of api.commentsOf(issueNumber)) {
    comment.body = edit(comment.body ?? '')
  }
}

function ticks(api: FakeIssuesApi, issueNumber: number) {
  return Object.fromEntries(
    parsedIssue(api, issueNumber).items.map((i) => [i.username, i.ticked])
  )
}

describe('upsertReviewIssue', () => {
  it('opens an issue with its labels, creating labels that are missing', async () => {
    const api = new FakeIssuesApi()
    api.labels.add('inactive-users')
    const result = await upsertReviewIssue(api, makePlan(['alice', 'bob']), ctx)

    expect(result).toEqual({
      number: 1,
      url: 'https://github.com/acme/ops/issues/1',
      created: true,
      closed: false
    })
    expect(api.count('createLabel')).toBe(1)
    expect(api.issues.get(1)?.labels).toEqual(['inactive-users', 'security'])
    expect(api.issues.get(1)?.title).toBe('Inactive Reltio users: AcmeCorp')
    expect(ticks(api, 1)).toEqual({ alice: true, bob: true })
  })

  it('goes on when another run created the label meanwhile', async () => {
    const api = new FakeIssuesApi()
    api.labelRace = true
    const result = await upsertReviewIssue(api, makePlan(['alice']), ctx)
    expect(result?.created).toBe(true)
  })

  it('keeps unticks of users still listed in a new plan', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(['alice', 'bob', 'carol']), ctx)
    untick(api, 1, 'bob')
    untick(api, 1, 'carol')

    const next = makePlan(['alice', 'bob', 'dave'], {
      planId: 'feedface00000001'
    })
    const result = await upsertReviewIssue(api, next, ctx)

    expect(result).toMatchObject({ number: 1, created: false, closed: false })
    expect(api.issues.size).toBe(1)
    expect(ticks(api, 1)).toEqual({ alice: true, bob: false, dave: true })
    expect(parsedIssue(api, 1).marker?.planId).toBe('feedface00000001')
  })

  it('re-reads the issue just before writing, keeping a late untick', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(['alice', 'bob']), ctx)
    // The reviewer unticks after the listing but before our PATCH.
    api.beforeGet = (issueNumber) => {
      untick(api, issueNumber, 'alice')
      api.beforeGet = null
    }
    const next = makePlan(['alice', 'bob', 'carol'], { planId: 'p2' })
    await upsertReviewIssue(api, next, ctx)
    expect(ticks(api, 1)).toEqual({ alice: false, bob: true, carol: true })
  })

  it('writes nothing when the issue already reads as it should', async () => {
    const api = new FakeIssuesApi()
    const plan = makePlan(['alice', 'bob'])
    await upsertReviewIssue(api, plan, ctx)
    untick(api, 1, 'bob')
    const writesBefore = api.count('update', 'createComment', 'updateComment')

    await upsertReviewIssue(api, plan, ctx)
    expect(api.count('update', 'createComment', 'updateComment')).toBe(
      writesBefore
    )
    expect(ticks(api, 1)).toEqual({ alice: true, bob: false })
  })

  it('treats CRLF line ends from the web editor as the same text', async () => {
    const api = new FakeIssuesApi()
    const plan = makePlan(['alice'])
    await upsertReviewIssue(api, plan, ctx)
    const issue = api.issues.get(1)
    if (issue?.body) issue.body = issue.body.replace(/\n/g, '\r\n')
    await upsertReviewIssue(api, plan, ctx)
    expect(api.count('update')).toBe(0)
  })

  it('continues 5,000 candidates in comments and keeps unticks in them', async () => {
    const api = new FakeIssuesApi()
    const names = usernames(5000)
    await upsertReviewIssue(api, makePlan(names), ctx)
    const comments = api.commentsOf(1)
    expect(comments.length).toBeGreaterThan(1)
    const last = names.at(-1) ?? ''
    untick(api, 1, last)

    await upsertReviewIssue(api, makePlan(names, { planId: 'p2' }), ctx)
    const parsed = parsedIssue(api, 1)
    expect(parsed.items).toHaveLength(5000)
    expect(parsed.items.filter((i) => !i.ticked)).toEqual([
      { username: last, ticked: false }
    ])
    expect(api.commentsOf(1)).toHaveLength(comments.length)
  })

  it('keeps unticks from comments an interrupted update left behind', async () => {
    const api = new FakeIssuesApi()
    const names = usernames(5000)
    const plan = makePlan(names)
    await upsertReviewIssue(api, plan, ctx)
    const last = names.at(-1) ?? ''
    untick(api, 1, last)
    // The body moved on to another plan; the comments never got written.
    const issue = api.issues.get(1)
    if (issue?.body) issue.body = issue.body.replace(plan.planId, 'p2')

    await upsertReviewIssue(api, makePlan(names, { planId: 'p3' }), ctx)
    expect(ticks(api, 1)[last]).toBe(false)
  })

  it('retires continuation comments a shorter list no longer needs', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(usernames(5000)), ctx)
    const commentCount = api.commentsOf(1).length

    await upsertReviewIssue(api, makePlan(['alice'], { planId: 'p2' }), ctx)
    const comments = api.commentsOf(1)
    expect(comments).toHaveLength(commentCount)
    for (const comment of comments) {
      expect(comment.body).toMatch(/^<!-- reltio-inactive-users retired -->/)
    }
    expect(ticks(api, 1)).toEqual({ alice: true })

    await upsertReviewIssue(
      api,
      makePlan(usernames(5000), { planId: 'p3' }),
      ctx
    )
    expect(api.commentsOf(1)).toHaveLength(commentCount)
    expect(parsedIssue(api, 1).items).toHaveLength(5000)
  })

  it('ignores comments by others that copy the continuation marker', async () => {
    const api = new FakeIssuesApi()
    const plan = makePlan(['alice'])
    await upsertReviewIssue(api, plan, ctx)
    api.seedComment(
      1,
      `<!-- reltio-inactive-users continuation=1 plan=${plan.planId} -->\n- [ ] \`alice\``,
      'mallory'
    )
    await upsertReviewIssue(api, makePlan(['alice'], { planId: 'p2' }), ctx)
    expect(ticks(api, 1)).toEqual({ alice: true })
    expect(
      api.commentsOf(1).find((c) => c.author === 'mallory')?.body
    ).toContain('- [ ] `alice`')
  })

  it('adds configured labels the open issue lacks', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(['alice']), {
      ...ctx,
      labels: ['inactive-users']
    })
    await upsertReviewIssue(api, makePlan(['alice']), ctx)
    expect(api.issues.get(1)?.labels).toEqual(['inactive-users', 'security'])
  })

  it('comments and closes the open issue when no candidates remain', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(['alice']), ctx)
    const result = await upsertReviewIssue(
      api,
      makePlan([], { planId: 'p2' }),
      ctx
    )

    expect(result).toMatchObject({ number: 1, created: false, closed: true })
    const issue = api.issues.get(1)
    expect(issue?.state).toBe('closed')
    expect(issue?.stateReason).toBe('completed')
    expect(api.commentsOf(1).at(-1)?.body).toMatch(/^No inactive users remain/)
  })

  it('does nothing when no candidates remain and no issue is open', async () => {
    const api = new FakeIssuesApi()
    expect(await upsertReviewIssue(api, makePlan([]), ctx)).toBeNull()
    expect(api.count('create', 'update', 'createComment')).toBe(0)
  })

  it('opens a new issue when the one it found was closed meanwhile', async () => {
    const api = new FakeIssuesApi()
    await upsertReviewIssue(api, makePlan(['alice']), ctx)
    api.beforeGet = (issueNumber) => {
      const issue = api.issues.get(issueNumber)
      if (issue) issue.state = 'closed'
    }
    const result = await upsertReviewIssue(api, makePlan(['alice']), ctx)
    expect(result).toMatchObject({ number: 2, created: true })
  })

  it('updates the issue of its own customer only', async () => {
    const api = new FakeIssuesApi()
    const other = makePlan(['zed'], { customerId: 'OtherCorp' })
    api.seedIssue({
      body: renderReviewIssue(other, { ...RUN_CONTEXT, keep: new Set() }).body
    })
    const result = await upsertReviewIssue(api, makePlan(['alice']), ctx)
    expect(result).toMatchObject({ number: 2, created: true })
    expect(ticks(api, 1)).toEqual({ zed: true })
  })
})

describe('commentOnIssue', () => {
  it('posts one comment, or several when the text is too long', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: 'x' })
    await commentOnIssue(api, 1, 'Deactivated 3 users.')
    const table = usernames(5000)
      .map((u) => `| ${u} | done |`)
      .join('\n')
    const posted = await commentOnIssue(api, 1, table)

    expect(posted.length).toBeGreaterThan(1)
    expect(api.commentsOf(1)[0]?.body).toBe('Deactivated 3 users.')
    expect(api.commentsOf(1)).toHaveLength(1 + posted.length)
    expect(posted.map((c) => c.body).join('\n')).toContain(
      '| user4999 | done |'
    )
  })
})

describe('closeIssue', () => {
  it('closes with the reason given', async () => {
    const api = new FakeIssuesApi()
    api.seedIssue({ body: 'x', author: BOT })
    await closeIssue(api, 1, 'not_planned')
    expect(api.issues.get(1)).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned'
    })
  })
})
