/**
 * Routes one request of the GitHub fake to blob storage, Twirp or REST, and
 * records it together with any mismatch against GitHub's description.
 */
import type { IncomingMessage } from 'node:http'
import { errorResponse, parseJsonBody } from './http.ts'
import { readRuntimeToken } from './jwt.ts'
import { checkRequest, checkResponse, findOperation } from './openapi-check.ts'
import type { BlobStore } from './blob-store.ts'
import { artifactRoutes } from './rest-artifacts.ts'
import { commentRoutes } from './rest-comments.ts'
import { issueRoutes } from './rest-issues.ts'
import type { RouteHandler } from './rest-shared.ts'
import type { GitHubState } from './state.ts'
import {
  handleTwirp,
  TWIRP_PREFIX,
  type TwirpContext
} from './twirp-artifacts.ts'
import type {
  RecordedRequest,
  RouteRequest,
  RouteResponse,
  ScriptedGitHubFault
} from './types.ts'

/** The server's state plus what it records about the traffic. */
export interface Exchange {
  state: GitHubState
  twirp: TwirpContext
  token: string
  faults: Array<ScriptedGitHubFault & { remaining: number }>
  requests: RecordedRequest[]
  violations: string[]
  mutationDelayMs: number
  /** REST handlers by `METHOD template`, the templates of the description. */
  routes: Record<string, RouteHandler>
}

/** Every REST route the fake serves, by `METHOD template`. */
export function restRoutes(blobs: BlobStore): Record<string, RouteHandler> {
  return { ...issueRoutes, ...commentRoutes, ...artifactRoutes(blobs) }
}

/** Answers one request and records it. */
export function answerRequest(
  exchange: Exchange,
  req: IncomingMessage,
  bytes: Buffer
): RouteResponse {
  const url = new URL(req.url ?? '/', 'http://fake')
  const method = req.method ?? 'GET'
  const isBlob = exchange.twirp.blobs.owns(url.pathname)
  const body = isBlob ? null : parseJsonBody(bytes)
  const answer =
    takeFault(exchange, method, url.pathname) ??
    routeRequest(exchange, req, url, isBlob ? bytes : body)
  exchange.requests.push({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: answer.status,
    body: body ?? null
  })
  return answer
}

function routeRequest(
  exchange: Exchange,
  req: IncomingMessage,
  url: URL,
  body: unknown
): RouteResponse {
  const method = req.method ?? 'GET'
  if (Buffer.isBuffer(body)) {
    return exchange.twirp.blobs.handle({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body
    })
  }
  if (url.pathname.startsWith(TWIRP_PREFIX)) {
    return answerTwirp(exchange, req, url.pathname, body)
  }
  return answerRest(exchange, {
    method,
    path: url.pathname,
    params: {},
    query: url.searchParams,
    body,
    headers: req.headers
  })
}

function takeFault(
  exchange: Exchange,
  method: string,
  path: string
): RouteResponse | null {
  const fault = exchange.faults.find(
    (f) =>
      f.remaining > 0 &&
      (!f.method || f.method.toUpperCase() === method) &&
      (!f.path ||
        (typeof f.path === 'string' ? f.path === path : f.path.test(path)))
  )
  if (!fault) return null
  fault.remaining -= 1
  return {
    status: fault.status,
    body: fault.body ?? { message: `Scripted fault ${fault.status}` },
    headers: fault.headers ?? {}
  }
}

function answerTwirp(
  exchange: Exchange,
  req: IncomingMessage,
  path: string,
  body: unknown
): RouteResponse {
  const method = path.slice(TWIRP_PREFIX.length)
  const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1]
  const scope = bearer ? readRuntimeToken(bearer) : null
  const { response, problems } = handleTwirp(
    exchange.twirp,
    method,
    scope,
    body
  )
  exchange.violations.push(...problems.map((p) => `Twirp ${p}`))
  return response
}

function answerRest(exchange: Exchange, req: RouteRequest): RouteResponse {
  const operation = findOperation(req.method, req.path)
  if (!operation) {
    exchange.violations.push(
      `${req.method} ${req.path}: no such operation in GitHub's REST description`
    )
    return errorResponse(404, 'Not Found')
  }
  exchange.violations.push(...checkRequest(operation, req.query, req.body))
  const answer = withRateLimitHeaders(
    routeRest(
      exchange,
      { ...req, params: operation.params },
      operation.template
    )
  )
  exchange.violations.push(
    ...checkResponse(operation, answer.status, answer.body)
  )
  return answer
}

function routeRest(
  exchange: Exchange,
  req: RouteRequest,
  template: string
): RouteResponse {
  const { state } = exchange
  const denied = checkAuth(exchange, req, template)
  if (denied) return denied
  const handler = exchange.routes[`${req.method} ${template}`]
  if (!handler) return errorResponse(404, 'Not Found')
  return handler(state, req)
}

function checkAuth(
  exchange: Exchange,
  req: RouteRequest,
  template: string
): RouteResponse | null {
  const header = req.headers.authorization
  if (typeof header !== 'string')
    return errorResponse(401, 'Requires authentication')
  const presented = /^(?:token|bearer) (.+)$/i.exec(header)?.[1]
  if (presented !== exchange.token) return errorResponse(401, 'Bad credentials')
  const { state } = exchange
  const sameRepo =
    req.params.owner?.toLowerCase() === state.owner.toLowerCase() &&
    req.params.repo?.toLowerCase() === state.repo.toLowerCase()
  if (!sameRepo) return errorResponse(404, 'Not Found')
  const scope = template.includes('/actions/') ? 'actions' : 'issues'
  const granted = state.permissions[scope]
  const needsWrite = req.method !== 'GET'
  if (granted === 'none' || (needsWrite && granted !== 'write')) {
    return errorResponse(403, 'Resource not accessible by integration')
  }
  return null
}

function withRateLimitHeaders(answer: RouteResponse): RouteResponse {
  const reset = Math.floor(Date.now() / 1000) + 3600
  return {
    ...answer,
    headers: {
      'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10)}`,
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
      ...answer.headers
    }
  }
}
