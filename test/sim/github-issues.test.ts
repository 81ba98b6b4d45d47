import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi
} from 'vitest'
import { startGitHubFake, type GitHubFake } from '../../sim/github/server.ts'

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>

let fake: GitHubFake
let gh: Octokit
const owner = 'acme'
const repo = 'identity-ops'

beforeAll(async () => {
  fake = await startGitHubFake({ owner, repo })
  // @actions/github reads GITHUB_API_URL once, when first imported.
  vi.stubEnv('GITHUB_API_URL', fake.apiUrl)
  const { getOctokit } = await import('@actions/github')
  gh = getOctokit(fake.token)
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await fake.close()
})

beforeEach(() => {
  fake.violations.length = 0
})

async function createIssue(title: string, labels = ['inactive-users']) {
  const { data } = await gh.rest.issues.create({
    owner,
    repo,
    title,
    body: `body of ${title}`,
    labels
  })
  return data
}

describe('GitHub fake issues', () => {
  it('creates an issue with labels through the real Octokit', async () => {
    const created = await createIssue('Inactive users: AcmeCorp')

    expect(created.number).toBeGreaterThan(1)
    expect(
      created.labels.map((l) => (typeof l === 'string' ? l : l.name))
    ).toEqual(['inactive-users'])
    const stored = fake.issues.find((i) => i.number === created.number)
    expect(stored).toMatchObject({
      title: 'Inactive users: AcmeCorp',
      state: 'open',
      labels: ['inactive-users']
    })
    expect(stored?.user.login).toBe('github-actions[bot]')
    expect(fake.violations).toEqual([])
  })

  it('lists pull requests among issues, so clients must drop them', async () => {
    const items = await gh.paginate(gh.rest.issues.listForRepo, {
      owner,
      repo,
      labels: 'inactive-users',
      state: 'open'
    })

    const pulls = items.filter((i) => i.pull_request)
    expect(pulls).toHaveLength(1)
    expect(pulls[0]?.number).toBe(fake.pullRequests[0]?.number)
    expect(items.some((i) => !i.pull_request)).toBe(true)
  })

  it('paginates with Link headers and filters by label, state and creator', async () => {
    for (const n of [1, 2, 3, 4]) await createIssue(`Paged ${n}`, ['paged'])
    fake.editIssue(
      fake.issues.find((i) => i.title === 'Paged 4')?.number ?? 0,
      { state: 'closed' }
    )
    const before = fake.requests.length

    const open = await gh.paginate(gh.rest.issues.listForRepo, {
      owner,
      repo,
      labels: 'paged',
      creator: 'github-actions[bot]',
      per_page: 2
    })
    const all = await gh.paginate(gh.rest.issues.listForRepo, {
      owner,
      repo,
      labels: 'paged',
      state: 'all'
    })
    const byOthers = await gh.rest.issues.listForRepo({
      owner,
      repo,
      creator: 'someone-else'
    })

    expect(open.map((i) => i.title)).toEqual(['Paged 3', 'Paged 2', 'Paged 1'])
    expect(all).toHaveLength(4)
    expect(byOthers.data).toEqual([])
    const pages = fake.requests
      .slice(before)
      .filter((r) => r.query.per_page === '2')
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2'])
    expect(fake.violations).toEqual([])
  })

  it('updates the body and closes and reopens with a state reason', async () => {
    const { number } = await createIssue('To close')

    await gh.rest.issues.update({
      owner,
      repo,
      issue_number: number,
      body: 'ticked'
    })
    const closed = await gh.rest.issues.update({
      owner,
      repo,
      issue_number: number,
      state: 'closed',
      state_reason: 'not_planned'
    })
    const closedAt = closed.data.closed_at
    const reopened = await gh.rest.issues.update({
      owner,
      repo,
      issue_number: number,
      state: 'open'
    })

    expect(closed.data).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      body: 'ticked'
    })
    expect(closedAt).not.toBeNull()
    expect(reopened.data).toMatchObject({
      state: 'open',
      state_reason: 'reopened',
      closed_at: null
    })
    expect(fake.violations).toEqual([])
  })

  it('shows edits made by hand to the next read', async () => {
    const { number } = await createIssue('Edited by a person')

    fake.editIssue(number, { body: '- [ ] `alice`' })
    const { data } = await gh.rest.issues.get({
      owner,
      repo,
      issue_number: number
    })

    expect(data.body).toBe('- [ ] `alice`')
  })

  it('creates, pages through and updates comments', async () => {
    const { number } = await createIssue('With comments')
    for (const n of [1, 2, 3]) {
      await gh.rest.issues.createComment({
        owner,
        repo,
        issue_number: number,
        body: `part ${n}`
      })
    }

    const comments = await gh.paginate(gh.rest.issues.listComments, {
      owner,
      repo,
      issue_number: number,
      per_page: 2
    })
    const first = comments[0]
    if (!first) throw new Error('no comment')
    const updated = await gh.rest.issues.updateComment({
      owner,
      repo,
      comment_id: first.id,
      body: 'part 1 (edited)'
    })

    expect(comments.map((c) => c.body)).toEqual(['part 1', 'part 2', 'part 3'])
    expect(updated.data.body).toBe('part 1 (edited)')
    expect(
      fake.issues.find((i) => i.number === number)?.comments[0]?.body
    ).toBe('part 1 (edited)')
    expect(fake.violations).toEqual([])
  })

  it('gets, creates and adds labels', async () => {
    const { number } = await createIssue('Labelled', [])

    const missing = await gh.rest.issues
      .getLabel({ owner, repo, name: 'review me' })
      .catch((e: { status: number }) => e)
    const created = await gh.rest.issues.createLabel({
      owner,
      repo,
      name: 'review me',
      color: 'd73a4a'
    })
    const again = await gh.rest.issues
      .createLabel({ owner, repo, name: 'review me' })
      .catch((e: { status: number }) => e)
    const added = await gh.rest.issues.addLabels({
      owner,
      repo,
      issue_number: number,
      labels: ['review me']
    })

    expect((missing as { status: number }).status).toBe(404)
    expect(created.status).toBe(201)
    expect((again as { status: number }).status).toBe(422)
    expect(added.data.map((l) => l.name)).toEqual(['review me'])
    expect(fake.violations).toEqual([])
  })

  it('refuses bodies over 65536 characters with GitHub’s 422', async () => {
    const { number } = await createIssue('Long')
    const atLimit = '😀'.repeat(65536)

    await gh.rest.issues.update({
      owner,
      repo,
      issue_number: number,
      body: atLimit
    })
    const error = (await gh.rest.issues
      .createComment({ owner, repo, issue_number: number, body: `${atLimit}x` })
      .catch((e: unknown) => e)) as {
      status: number
      response: { data: unknown }
    }

    expect(error.status).toBe(422)
    expect(error.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)'
        }
      ]
    })
    expect(fake.violations).toEqual([])
  })

  it('answers 401 without the token and 403 without issues: write', async () => {
    const anonymous = await fetch(
      `${fake.apiUrl}/repos/${owner}/${repo}/issues`
    )
    fake.permissions = { issues: 'read', actions: 'read' }
    try {
      const denied = await createIssue('Not allowed').catch(
        (e: { status: number }) => e
      )

      expect(anonymous.status).toBe(401)
      expect((denied as { status: number }).status).toBe(403)
    } finally {
      fake.permissions = { issues: 'write', actions: 'read' }
    }
  })

  it('fails a scripted request once, then answers normally', async () => {
    fake.scriptFault({
      method: 'POST',
      path: `/repos/${owner}/${repo}/issues`,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit' },
      headers: { 'retry-after': '1' }
    })

    const first = await createIssue('Throttled').catch(
      (e: { status: number }) => e
    )
    const second = await createIssue('Throttled')

    expect((first as { status: number }).status).toBe(403)
    expect(second.title).toBe('Throttled')
    expect(fake.issues.filter((i) => i.title === 'Throttled')).toHaveLength(1)
  })

  it('records requests that break GitHub’s description as violations', async () => {
    const { number } = await createIssue('Checked')

    const answer = await gh
      .request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        owner,
        repo,
        issue_number: number,
        state: 'closed',
        // Deliberately outside the documented enum and misspelt.
        state_reason: 'done' as never,
        stateReason: 'completed'
      })
      .catch((e: { status: number }) => e)

    expect(answer.status).toBe(422)
    expect(fake.violations).toEqual([
      expect.stringMatching(
        /issues\/update\) request body.state_reason: "done" is not one of/
      ),
      expect.stringMatching(
        /issues\/update\) request body: unknown property stateReason/
      )
    ])
  })
})
