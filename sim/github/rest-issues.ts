/**
 * Issue routes of the REST fake, keyed by the templates of GitHub's
 * description so the server routes and checks with one table.
 */
import { errorResponse, linkHeaders, paginate } from './http.ts'
import { renderIssue } from './rest-render.ts'
import {
  asRecord,
  checkBodyLength,
  created,
  findIssueOrPull,
  labelNames,
  pageUrl,
  validationFailed,
  type RouteHandler
} from './rest-shared.ts'
import { nextIssueNumber, timestamp, type GitHubState } from './state.ts'
import type { FakeIssue, RouteRequest, RouteResponse } from './types.ts'

const REPO = '/repos/{owner}/{repo}'

/** The issue routes, by `METHOD template`. */
export const issueRoutes: Record<string, RouteHandler> = {
  [`GET ${REPO}/issues`]: listIssues,
  [`POST ${REPO}/issues`]: createIssue,
  [`GET ${REPO}/issues/{issue_number}`]: getIssue,
  [`PATCH ${REPO}/issues/{issue_number}`]: updateIssue
}

function listIssues(state: GitHubState, req: RouteRequest): RouteResponse {
  const matching = [
    ...state.issues.map((issue) => ({ issue, isPullRequest: false })),
    ...state.pullRequests.map((issue) => ({ issue, isPullRequest: true }))
  ]
    .filter(({ issue }) => matchesListFilters(issue, req.query))
    .sort((a, b) => a.issue.number - b.issue.number)
  if (req.query.get('direction') !== 'asc') matching.reverse()
  const page = paginate(matching, req.query, pageUrl(state, req))
  return {
    status: 200,
    body: page.items.map(({ issue, isPullRequest }) =>
      renderIssue(state, issue, isPullRequest)
    ),
    headers: linkHeaders(page.link)
  }
}

function matchesListFilters(issue: FakeIssue, query: URLSearchParams): boolean {
  const state = query.get('state') ?? 'open'
  if (state !== 'all' && issue.state !== state) return false
  const creator = query.get('creator')
  if (creator && issue.user.login.toLowerCase() !== creator.toLowerCase()) {
    return false
  }
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean)
  const has = new Set(issue.labels.map((l) => l.toLowerCase()))
  return wanted.every((l) => has.has(l))
}

function createIssue(state: GitHubState, req: RouteRequest): RouteResponse {
  const body = asRecord(req.body)
  if (body.title === undefined || body.title === null || body.title === '') {
    return validationFailed('Issue', 'title', 'missing_field')
  }
  const tooLong = checkBodyLength('Issue', body.body)
  if (tooLong) return tooLong
  const now = timestamp()
  const issue: FakeIssue = {
    number: nextIssueNumber(state),
    title: String(body.title),
    body: typeof body.body === 'string' ? body.body : null,
    state: 'open',
    state_reason: null,
    labels: labelNames(state, body.labels),
    user: state.tokenUser,
    comments: [],
    created_at: now,
    updated_at: now,
    closed_at: null
  }
  state.issues.push(issue)
  return created(renderIssue(state, issue))
}

function getIssue(state: GitHubState, req: RouteRequest): RouteResponse {
  const found = findIssueOrPull(state, req.params.issue_number)
  if (!found) return errorResponse(404, 'Not Found')
  return {
    status: 200,
    body: renderIssue(state, found.issue, found.isPullRequest)
  }
}

function updateIssue(state: GitHubState, req: RouteRequest): RouteResponse {
  const found = findIssueOrPull(state, req.params.issue_number)
  if (!found) return errorResponse(404, 'Not Found')
  const body = asRecord(req.body)
  const invalid = validateIssuePatch(body)
  if (invalid) return invalid
  const { issue } = found
  if (body.title !== undefined && body.title !== null) {
    issue.title = String(body.title)
  }
  if (body.body !== undefined) issue.body = (body.body as string | null) ?? null
  if (body.labels !== undefined) issue.labels = labelNames(state, body.labels)
  if (body.state !== undefined) {
    changeState(
      issue,
      body.state as FakeIssue['state'],
      body.state_reason as FakeIssue['state_reason'] | undefined
    )
  }
  issue.updated_at = timestamp()
  return { status: 200, body: renderIssue(state, issue, found.isPullRequest) }
}

const STATES = ['open', 'closed']
const STATE_REASONS = [
  'completed',
  'not_planned',
  'duplicate',
  'reopened',
  null
]

function validateIssuePatch(
  body: Record<string, unknown>
): RouteResponse | null {
  if (body.state !== undefined && !STATES.includes(body.state as string)) {
    return validationFailed('Issue', 'state', 'invalid')
  }
  if (
    body.state_reason !== undefined &&
    !STATE_REASONS.includes(body.state_reason as string | null)
  ) {
    return validationFailed('Issue', 'state_reason', 'invalid')
  }
  return checkBodyLength('Issue', body.body)
}

/** Applies a state change the way GitHub does, reason included. */
export function changeState(
  issue: FakeIssue,
  next: 'open' | 'closed',
  reason: FakeIssue['state_reason'] | undefined
): void {
  // GitHub ignores state_reason unless the state actually changes.
  if (issue.state === next) return
  issue.state = next
  if (next === 'closed') {
    issue.state_reason = reason ?? 'completed'
    issue.closed_at = timestamp()
  } else {
    issue.state_reason = 'reopened'
    issue.closed_at = null
  }
}
