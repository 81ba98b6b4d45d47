/**
 * Comment and label routes of the REST fake, keyed like the issue routes.
 */
import { errorResponse, linkHeaders, paginate } from './http.ts'
import { renderComment, renderLabel } from './rest-render.ts'
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
import { ensureLabel, findLabel, timestamp, type GitHubState } from './state.ts'
import type { RouteRequest, RouteResponse } from './types.ts'

const REPO = '/repos/{owner}/{repo}'

/** The comment and label routes, by `METHOD template`. */
export const commentRoutes: Record<string, RouteHandler> = {
  [`GET ${REPO}/issues/{issue_number}/comments`]: listComments,
  [`POST ${REPO}/issues/{issue_number}/comments`]: createComment,
  [`PATCH ${REPO}/issues/comments/{comment_id}`]: updateComment,
  [`POST ${REPO}/issues/{issue_number}/labels`]: addLabels,
  [`GET ${REPO}/labels/{name}`]: getLabel,
  [`POST ${REPO}/labels`]: createLabel
}

function listComments(state: GitHubState, req: RouteRequest): RouteResponse {
  const found = findIssueOrPull(state, req.params.issue_number)
  if (!found) return errorResponse(404, 'Not Found')
  const number = found.issue.number
  const page = paginate(found.issue.comments, req.query, pageUrl(state, req))
  return {
    status: 200,
    body: page.items.map((c) => renderComment(state, number, c)),
    headers: linkHeaders(page.link)
  }
}

function createComment(state: GitHubState, req: RouteRequest): RouteResponse {
  const found = findIssueOrPull(state, req.params.issue_number)
  if (!found) return errorResponse(404, 'Not Found')
  const text = readCommentBody(req)
  if (typeof text !== 'string') return text
  const now = timestamp()
  const comment = {
    id: 5_000_000 + ++state.counters.comment,
    body: text,
    user: state.tokenUser,
    created_at: now,
    updated_at: now
  }
  found.issue.comments.push(comment)
  found.issue.updated_at = now
  return created(renderComment(state, found.issue.number, comment))
}

function updateComment(state: GitHubState, req: RouteRequest): RouteResponse {
  const id = Number(req.params.comment_id)
  const owner = [...state.issues, ...state.pullRequests].find((i) =>
    i.comments.some((c) => c.id === id)
  )
  const comment = owner?.comments.find((c) => c.id === id)
  if (!owner || !comment) return errorResponse(404, 'Not Found')
  const text = readCommentBody(req)
  if (typeof text !== 'string') return text
  comment.body = text
  comment.updated_at = timestamp()
  return { status: 200, body: renderComment(state, owner.number, comment) }
}

function addLabels(state: GitHubState, req: RouteRequest): RouteResponse {
  const found = findIssueOrPull(state, req.params.issue_number)
  if (!found) return errorResponse(404, 'Not Found')
  const raw = Array.isArray(req.body) ? req.body : asRecord(req.body).labels
  for (const name of labelNames(state, raw)) {
    const known = found.issue.labels.map((l) => l.toLowerCase())
    if (!known.includes(name.toLowerCase())) found.issue.labels.push(name)
  }
  found.issue.updated_at = timestamp()
  return {
    status: 200,
    body: found.issue.labels.map((name) =>
      renderLabel(state, ensureLabel(state, name))
    )
  }
}

function getLabel(state: GitHubState, req: RouteRequest): RouteResponse {
  const label = findLabel(state, req.params.name ?? '')
  if (!label) return errorResponse(404, 'Not Found')
  return { status: 200, body: renderLabel(state, label) }
}

function createLabel(state: GitHubState, req: RouteRequest): RouteResponse {
  const body = asRecord(req.body)
  if (typeof body.name !== 'string' || body.name === '') {
    return validationFailed('Label', 'name', 'missing_field')
  }
  if (findLabel(state, body.name)) {
    return validationFailed('Label', 'name', 'already_exists')
  }
  const label = ensureLabel(state, body.name)
  if (typeof body.color === 'string') label.color = body.color.replace(/^#/, '')
  if (typeof body.description === 'string') label.description = body.description
  return created(renderLabel(state, label))
}

/** The comment text, or GitHub's 422 when it is missing or too long. */
function readCommentBody(req: RouteRequest): string | RouteResponse {
  const text = asRecord(req.body).body
  if (typeof text !== 'string' || text === '') {
    return validationFailed('IssueComment', 'body', 'missing_field')
  }
  return checkBodyLength('IssueComment', text) ?? text
}
