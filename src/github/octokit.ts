/**
 * Builds the Octokit client for issues (rate-limit aware) and binds it to
 * the narrow {@link IssuesApi} the review issue code depends on.
 */
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { CommentRecord, IssueRecord, IssuesApi } from './issues-api.js'
import { serializeMutations } from './issues-api.js'

/** The client `createOctokit` returns. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** Where the client reports rate limits and, at debug, each request. */
export interface OctokitLog {
  warning(message: string): void
  debug?(message: string): void
}

/** Options of {@link createOctokit}; all optional. */
export interface CreateOctokitOptions {
  log?: OctokitLog
  /** The REST API root; `GITHUB_API_URL` (or api.github.com) by default. */
  baseUrl?: string
  /** Milliseconds per second of GitHub's suggested wait; tests shrink it. */
  retryAfterBaseValue?: number
}

type RateLimit = 'primary' | 'secondary'

/** A request GitHub's rate limit stopped even after our retries. */
export class GitHubRateLimitError extends Error {
  override name = 'GitHubRateLimitError'
  readonly limit: RateLimit
  readonly status: number

  constructor(message: string, limit: RateLimit, status: number) {
    super(message)
    this.limit = limit
    this.status = status
  }
}

const RATE_LIMIT_RETRIES = 3
// Rate limits (403/429) belong to the throttling plugin, which waits as
// long as GitHub asks; the retry plugin would retry them too soon.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451]

/**
 * Returns an Octokit that waits out primary and secondary rate limits up to
 * three times (with a warning each time), then fails naming the limit.
 */
export function createOctokit(
  token: string,
  opts: CreateOctokitOptions = {}
): GitHubClient {
  const onLimit =
    (limit: RateLimit) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number
    ): boolean => {
      if (retryCount >= RATE_LIMIT_RETRIES) return false
      opts.log?.warning(
        `GitHub's ${limit} rate limit stopped ${request.method} ${request.url}; retrying in ${retryAfter} s (${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`
      )
      return true
    }
  const octokit = getOctokit(
    token,
    {
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...(opts.retryAfterBaseValue === undefined
          ? {}
          : { retryAfterBaseValue: opts.retryAfterBaseValue })
      },
      retry: { doNotRetry: DO_NOT_RETRY, retries: 3 }
    },
    throttling,
    retry
  )
  // Registered after the plugins, so it sees errors once they gave up.
  octokit.hook.error('request', (error, options) => {
    throw describeRateLimit(error, `${options.method} ${options.url}`) ?? error
  })
  if (opts.log?.debug) logRequests(octokit, opts.log.debug.bind(opts.log))
  return octokit
}

/** Binds a client to one repository as the narrow issues API, writes spaced. */
export function issuesApiFrom(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  opts: { pauseMs?: number; sleep?: (ms: number) => Promise<void> } = {}
): IssuesApi {
  const issues = octokit.rest.issues
  const at = { owner, repo }
  const raw: IssuesApi = {
    listForRepo: async (p) => {
      const { data } = await issues.listForRepo({
        ...at,
        state: p.state,
        ...(p.labels === undefined ? {} : { labels: p.labels }),
        ...(p.sort ? { sort: p.sort } : {}),
        ...(p.direction ? { direction: p.direction } : {}),
        ...(p.since ? { since: p.since } : {}),
        page: p.page,
        per_page: p.perPage
      })
      return data.map(toIssueRecord)
    },
    get: async (issueNumber) =>
      toIssueRecord(
        (await issues.get({ ...at, issue_number: issueNumber })).data
      ),
    create: async (p) =>
      toIssueRecord((await issues.create({ ...at, ...p })).data),
    update: async (p) => {
      const { data } = await issues.update({
        ...at,
        issue_number: p.issueNumber,
        ...(p.title === undefined ? {} : { title: p.title }),
        ...(p.body === undefined ? {} : { body: p.body }),
        ...(p.state ? { state: p.state } : {}),
        ...(p.stateReason ? { state_reason: p.stateReason } : {})
      })
      return toIssueRecord(data)
    },
    listComments: async (p) => {
      const { data } = await issues.listComments({
        ...at,
        issue_number: p.issueNumber,
        page: p.page,
        per_page: p.perPage
      })
      return data.map(toCommentRecord)
    },
    createComment: async (p) =>
      toCommentRecord(
        (
          await issues.createComment({
            ...at,
            issue_number: p.issueNumber,
            body: p.body
          })
        ).data
      ),
    updateComment: async (p) =>
      toCommentRecord(
        (
          await issues.updateComment({
            ...at,
            comment_id: p.commentId,
            body: p.body
          })
        ).data
      ),
    addLabels: async (p) => {
      await issues.addLabels({
        ...at,
        issue_number: p.issueNumber,
        labels: p.labels
      })
    },
    getLabel: async (name) => {
      try {
        return { name: (await issues.getLabel({ ...at, name })).data.name }
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return null
        throw error
      }
    },
    createLabel: async (p) => {
      await issues.createLabel({ ...at, ...p })
    }
  }
  return serializeMutations(raw, opts)
}

interface IssueData {
  number: number
  title: string
  body?: string | null
  state: string
  html_url: string
  created_at: string
  closed_at: string | null
  pull_request?: unknown
  labels: Array<string | { name?: string | null }>
  user: { login: string } | null
}

function toIssueRecord(data: IssueData): IssueRecord {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? null,
    state: data.state === 'closed' ? 'closed' : 'open',
    htmlUrl: data.html_url,
    createdAt: data.created_at,
    closedAt: data.closed_at,
    isPullRequest:
      data.pull_request !== undefined && data.pull_request !== null,
    labels: data.labels.flatMap((label) => {
      const name = typeof label === 'string' ? label : label.name
      return name ? [name] : []
    }),
    author: data.user?.login ?? null
  }
}

function toCommentRecord(data: {
  id: number
  body?: string
  user: { login: string } | null
  created_at: string
}): CommentRecord {
  return {
    id: data.id,
    body: data.body ?? null,
    author: data.user?.login ?? null,
    createdAt: data.created_at
  }
}

/** Names the rate limit that stopped a request, or null for other errors. */
function describeRateLimit(
  error: unknown,
  request: string
): GitHubRateLimitError | null {
  const { status, message, response } = error as {
    status?: unknown
    message?: unknown
    response?: { headers?: Record<string, string | undefined> }
  }
  if (status !== 403 && status !== 429) return null
  const text = typeof message === 'string' ? message : ''
  const headers = response?.headers ?? {}
  if (/\bsecondary rate\b/i.test(text)) {
    return new GitHubRateLimitError(
      `GitHub's secondary rate limit stopped ${request} after ${RATE_LIMIT_RETRIES} retries (${text}). Wait a few minutes and run the workflow again, and avoid running several at once.`,
      'secondary',
      status
    )
  }
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    const at = Number.isFinite(reset)
      ? ` It resets at ${new Date(reset * 1000).toISOString()}.`
      : ''
    return new GitHubRateLimitError(
      `GitHub's primary rate limit (requests per hour for this token) stopped ${request} after ${RATE_LIMIT_RETRIES} retries.${at} Run the workflow again after that.`,
      'primary',
      status
    )
  }
  return null
}

function logRequests(
  octokit: GitHubClient,
  debug: (message: string) => void
): void {
  octokit.hook.wrap('request', async (request, options) => {
    const started = performance.now()
    const line = (status: unknown) =>
      `${options.method} ${options.url} ${String(status)} ${Math.round(performance.now() - started)} ms`
    try {
      const response = await request(options)
      debug(line(response.status))
      return response
    } catch (error) {
      debug(line((error as { status?: unknown }).status ?? 'error'))
      throw error
    }
  })
}
