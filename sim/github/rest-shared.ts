/**
 * Pieces the REST routes share: lookups, label names, GitHub's validation
 * errors and the 201 answer.
 */
import { errorResponse } from './http.ts'
import { ensureLabel, type GitHubState } from './state.ts'
import type { FakeIssue, RouteRequest, RouteResponse } from './types.ts'

/** A route handler: state and parsed request in, answer out. */
export type RouteHandler = (
  state: GitHubState,
  req: RouteRequest
) => RouteResponse

/** GitHub's limit on issue and comment bodies, in characters. */
export const MAX_BODY_CHARACTERS = 65536

/** A 201 with the Location header GitHub sends for a created resource. */
export function created(rendered: Record<string, unknown>): RouteResponse {
  return {
    status: 201,
    body: rendered,
    headers: { location: String(rendered.url) }
  }
}

/** The issue or pull request with that number. */
export function findIssueOrPull(
  state: GitHubState,
  raw: string | undefined
): { issue: FakeIssue; isPullRequest: boolean } | null {
  const number = Number(raw)
  const issue = state.issues.find((i) => i.number === number)
  if (issue) return { issue, isPullRequest: false }
  const pull = state.pullRequests.find((i) => i.number === number)
  return pull ? { issue: pull, isPullRequest: true } : null
}

/**
 * Label names from strings or `{name}` objects. Unknown labels are created,
 * as GitHub does for users with push access (GITHUB_TOKEN with issues: write).
 */
export function labelNames(state: GitHubState, raw: unknown): string[] {
  if (!Array.isArray(raw)) return []
  return raw
    .map((item) => (typeof item === 'string' ? item : asRecord(item).name))
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => ensureLabel(state, name).name)
}

/** GitHub's 422 for a body over the limit, or null. */
export function checkBodyLength(
  resource: string,
  text: unknown
): RouteResponse | null {
  // GitHub counts characters, not UTF-16 units: an emoji is one.
  if (typeof text !== 'string' || [...text].length <= MAX_BODY_CHARACTERS) {
    return null
  }
  return errorResponse(422, 'Validation Failed', {
    errors: [
      {
        resource,
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)`
      }
    ],
    documentation_url:
      'https://docs.github.com/rest/issues/issues#create-an-issue'
  })
}

/** GitHub's 422 Validation Failed for one field. */
export function validationFailed(
  resource: string,
  field: string,
  code: string
): RouteResponse {
  return errorResponse(422, 'Validation Failed', {
    errors: [{ resource, code, field }]
  })
}

/** The value as an object, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {}
}

/** The absolute URL of this request, for Link headers. */
export function pageUrl(state: GitHubState, req: RouteRequest): string {
  const query = req.query.toString()
  return `${state.apiUrl}${req.path}${query ? `?${query}` : ''}`
}
