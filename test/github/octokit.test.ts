import {
  createServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isAlreadyExists } from '../../src/github/issue.ts'
import {
  GitHubRateLimitError,
  createOctokit,
  issuesApiFrom
} from '../../src/github/octokit.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const servers: Array<{ close(): void }> = []

/** A loopback HTTP server answering with `handler`; returns its URL. */
async function serve(
  handler: Handler
): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`)
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, hits }
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers = {}
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const secondaryLimit = (res: ServerResponse) =>
  json(
    res,
    403,
    { message: 'You have exceeded a secondary rate limit. Please wait.' },
    { 'retry-after': '1' }
  )

const primaryLimit = (res: ServerResponse) =>
  json(
    res,
    403,
    { message: 'API rate limit exceeded for installation.' },
    {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000))
    }
  )

const issue = {
  number: 7,
  title: 't',
  body: 'b',
  state: 'open',
  html_url: 'https://github.com/o/r/issues/7',
  created_at: '2026-01-01T00:00:00Z',
  closed_at: null,
  labels: [{ name: 'inactive-users' }, 'plain'],
  user: { login: 'github-actions[bot]' }
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

function clientFor(url: string, warnings: string[] = []) {
  return createOctokit('test-token', {
    baseUrl: url,
    retryAfterBaseValue: 1,
    log: { warning: (m) => warnings.push(m) }
  })
}

describe('createOctokit', () => {
  it('waits out a secondary rate limit and warns each time', async () => {
    let calls = 0
    const { url } = await serve((_req, res) =>
      ++calls <= 2 ? secondaryLimit(res) : json(res, 200, [issue])
    )
    const warnings: string[] = []
    const api = issuesApiFrom(clientFor(url, warnings), 'o', 'r')
    const issues = await api.listForRepo({
      state: 'open',
      page: 1,
      perPage: 100
    })
    expect(issues).toHaveLength(1)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toBe(
      "GitHub's secondary rate limit stopped GET /repos/{owner}/{repo}/issues; retrying in 1 s (1 of 3)."
    )
  })

  it('fails naming the secondary limit after three retries', async () => {
    const { url, hits } = await serve((_req, res) => secondaryLimit(res))
    const octokit = clientFor(url)
    const error = await octokit.rest.issues
      .get({ owner: 'o', repo: 'r', issue_number: 1 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitHubRateLimitError)
    expect((error as GitHubRateLimitError).limit).toBe('secondary')
    expect((error as Error).message).toMatch(
      /^GitHub's secondary rate limit stopped GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\} after 3 retries/
    )
    expect(hits).toHaveLength(4)
  })

  it('fails naming the primary limit and when it resets', async () => {
    const { url, hits } = await serve((_req, res) => primaryLimit(res))
    const error = await clientFor(url)
      .rest.issues.get({ owner: 'o', repo: 'r', issue_number: 1 })
      .catch((e: unknown) => e)
    expect((error as GitHubRateLimitError).limit).toBe('primary')
    expect((error as Error).message).toMatch(
      /primary rate limit .* It resets at 20/
    )
    expect(hits).toHaveLength(4)
  })

  it('logs each request at debug without its query or headers', async () => {
    const { url } = await serve((_req, res) => json(res, 200, issue))
    const lines: string[] = []
    const octokit = createOctokit('test-token', {
      baseUrl: url,
      log: { warning: () => undefined, debug: (m) => lines.push(m) }
    })
    await octokit.rest.issues.get({ owner: 'o', repo: 'r', issue_number: 7 })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\} 200 \d+ ms$/
    )
  })

  it('passes other errors through untouched', async () => {
    const { url, hits } = await serve((_req, res) =>
      json(res, 403, { message: 'Resource not accessible by integration' })
    )
    const error = await clientFor(url)
      .rest.issues.get({ owner: 'o', repo: 'r', issue_number: 1 })
      .catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(GitHubRateLimitError)
    expect((error as { status: number }).status).toBe(403)
    expect(hits).toHaveLength(1)
  })
})

describe('issuesApiFrom', () => {
  it('maps issues to plain records', async () => {
    const { url, hits } = await serve((_req, res) =>
      json(res, 200, [issue, { ...issue, number: 8, pull_request: {} }])
    )
    const api = issuesApiFrom(clientFor(url), 'o', 'r')
    const issues = await api.listForRepo({
      labels: 'inactive-users',
      state: 'closed',
      since: '2026-01-01T00:00:00Z',
      page: 2,
      perPage: 50
    })
    expect(hits[0]).toBe(
      'GET /repos/o/r/issues?state=closed&labels=inactive-users&since=2026-01-01T00%3A00%3A00Z&page=2&per_page=50'
    )
    expect(issues).toEqual([
      {
        number: 7,
        title: 't',
        body: 'b',
        state: 'open',
        htmlUrl: 'https://github.com/o/r/issues/7',
        createdAt: '2026-01-01T00:00:00Z',
        closedAt: null,
        isPullRequest: false,
        labels: ['inactive-users', 'plain'],
        author: 'github-actions[bot]'
      },
      expect.objectContaining({ number: 8, isPullRequest: true })
    ])
  })

  it('answers a missing label with null and a duplicate as already_exists', async () => {
    const { url } = await serve((req, res) =>
      req.method === 'GET'
        ? json(res, 404, { message: 'Not Found' })
        : json(res, 422, {
            message: 'Validation Failed',
            errors: [
              { resource: 'Label', code: 'already_exists', field: 'name' }
            ]
          })
    )
    const api = issuesApiFrom(clientFor(url), 'o', 'r', { pauseMs: 0 })
    expect(await api.getLabel('inactive-users')).toBeNull()
    const error = await api
      .createLabel({
        name: 'inactive-users',
        color: 'fbca04',
        description: 'd'
      })
      .catch((e: unknown) => e)
    expect(isAlreadyExists(error)).toBe(true)
  })
})
