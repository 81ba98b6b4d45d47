/**
 * A loopback fake of the GitHub pieces the action talks to: REST issues,
 * comments, labels and run artifacts, the results service's Twirp
 * ArtifactService and its blob storage. The real @actions/github and
 * @actions/artifact clients run against it unchanged; every REST exchange is
 * checked against GitHub's published description.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { createBlobStore } from './blob-store.ts'
import { readBody, sendResponse } from './http.ts'
import { makeRuntimeToken, scopeFor } from './jwt.ts'
import { answerRequest, restRoutes, type Exchange } from './dispatch.ts'
import { changeState } from './rest-issues.ts'
import {
  createState,
  ensureLabel,
  nextIssueNumber,
  timestamp,
  type GitHubState
} from './state.ts'
import type { TwirpContext } from './twirp-artifacts.ts'
import type {
  FakeArtifact,
  FakeIssue,
  FakeLabel,
  IssuePatch,
  RecordedRequest,
  RouteResponse,
  ScriptedGitHubFault,
  TokenPermissions
} from './types.ts'

export type * from './types.ts'

/** How to start the fake. */
export interface GitHubFakeOptions {
  owner?: string
  repo?: string
  /** Delay before each REST write is applied, to widen race windows. */
  mutationDelayMs?: number
}

/** A running fake; its arrays are live state that tests read and change. */
export interface GitHubFake {
  /** For GITHUB_API_URL. */
  apiUrl: string
  /** For ACTIONS_RESULTS_URL. */
  resultsUrl: string
  /** For GITHUB_SERVER_URL; github.com, so @actions/artifact sees no GHES. */
  serverUrl: string
  owner: string
  repo: string
  /** The REST token (what `github.token` would be). */
  token: string
  issues: FakeIssue[]
  /** Listed among issues, as GitHub does; starts with one labelled PR. */
  pullRequests: FakeIssue[]
  labels: FakeLabel[]
  artifacts: FakeArtifact[]
  requests: RecordedRequest[]
  /** Every exchange that broke GitHub's description or the Twirp protocol. */
  violations: string[]
  /** What the REST token may do; change it to test missing permissions. */
  permissions: TokenPermissions
  /** An ACTIONS_RUNTIME_TOKEN scoped to one attempt of a run. */
  runtimeToken(runId: number, runAttempt?: number): string
  /** Changes an issue as a person would in the web UI. */
  editIssue(number: number, patch: IssuePatch): FakeIssue
  /** Adds an open pull request, which the issue list also returns. */
  addPullRequest(fields: {
    title: string
    body?: string
    labels?: string[]
  }): FakeIssue
  /** Makes the next matching request(s) fail with the given answer. */
  scriptFault(fault: ScriptedGitHubFault): void
  close(): Promise<void>
}

/** Starts the fake on a free loopback port. */
export async function startGitHubFake(
  opts: GitHubFakeOptions = {}
): Promise<GitHubFake> {
  const state = createState(opts.owner ?? 'acme', opts.repo ?? 'identity-ops')
  const token = `ghs_${randomBytes(18).toString('base64url')}`
  let origin = ''
  const twirp: TwirpContext = {
    state,
    blobs: createBlobStore(() => origin),
    runs: new Map(),
    pending: new Map()
  }
  const exchange: Exchange = {
    state,
    twirp,
    token,
    faults: [],
    requests: [],
    violations: [],
    mutationDelayMs: opts.mutationDelayMs ?? 0,
    routes: restRoutes(twirp.blobs)
  }
  const server = createServer((req, res) => {
    void serve(exchange, req).then(
      (answer) => sendResponse(res, answer),
      (error: unknown) => {
        exchange.violations.push(
          `fake crashed on ${req.method} ${req.url}: ${String(error)}`
        )
        res.writeHead(500).end()
      }
    )
  })
  origin = await listen(server)
  state.apiUrl = origin
  return buildFake(exchange, server, origin)
}

async function serve(
  exchange: Exchange,
  req: IncomingMessage
): Promise<RouteResponse> {
  const body = await readBody(req)
  const isRestWrite =
    req.method !== 'GET' && (req.url ?? '').startsWith('/repos/')
  if (isRestWrite && exchange.mutationDelayMs > 0) {
    await sleep(exchange.mutationDelayMs)
  }
  return answerRequest(exchange, req, body)
}

function buildFake(
  exchange: Exchange,
  server: Server,
  origin: string
): GitHubFake {
  const { state, twirp } = exchange
  return {
    apiUrl: origin,
    resultsUrl: `${origin}/`,
    serverUrl: state.serverUrl,
    owner: state.owner,
    repo: state.repo,
    token: exchange.token,
    issues: state.issues,
    pullRequests: state.pullRequests,
    labels: state.labels,
    artifacts: state.artifacts,
    requests: exchange.requests,
    violations: exchange.violations,
    get permissions() {
      return state.permissions
    },
    set permissions(value: TokenPermissions) {
      state.permissions = value
    },
    runtimeToken(runId, runAttempt = 1) {
      const scope = scopeFor(runId, runAttempt)
      twirp.runs.set(scope.workflowRunBackendId, { runId, attempt: runAttempt })
      return makeRuntimeToken(scope, Math.floor(Date.now() / 1000))
    },
    editIssue: (number, patch) => editIssue(state, number, patch),
    addPullRequest: (fields) => addPullRequest(state, fields),
    scriptFault(fault) {
      exchange.faults.push({ ...fault, remaining: fault.times ?? 1 })
    },
    close: () => closeServer(server)
  }
}

function editIssue(
  state: GitHubState,
  number: number,
  patch: IssuePatch
): FakeIssue {
  const issue = [...state.issues, ...state.pullRequests].find(
    (i) => i.number === number
  )
  if (!issue) throw new Error(`No issue #${number} in the fake`)
  if (patch.title !== undefined) issue.title = patch.title
  if (patch.body !== undefined) issue.body = patch.body
  if (patch.labels !== undefined) {
    issue.labels = patch.labels.map((name) => ensureLabel(state, name).name)
  }
  if (patch.state !== undefined)
    changeState(issue, patch.state, patch.state_reason)
  issue.updated_at = timestamp()
  return issue
}

function addPullRequest(
  state: GitHubState,
  fields: { title: string; body?: string; labels?: string[] }
): FakeIssue {
  const now = timestamp()
  const pull: FakeIssue = {
    number: nextIssueNumber(state),
    title: fields.title,
    body: fields.body ?? null,
    state: 'open',
    state_reason: null,
    labels: (fields.labels ?? []).map((name) => ensureLabel(state, name).name),
    user: { login: 'octocat' },
    comments: [],
    created_at: now,
    updated_at: now,
    closed_at: null
  }
  state.pullRequests.push(pull)
  return pull
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
