/** A GitHub account as the fake shows it in issues and comments. */
export interface FakeUser {
  login: string
}

/** One comment on an issue, as stored by the fake. */
export interface FakeComment {
  id: number
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
}

/** One issue (or pull request, which GitHub lists among issues). */
export interface FakeIssue {
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: 'completed' | 'not_planned' | 'duplicate' | 'reopened' | null
  labels: string[]
  user: FakeUser
  comments: FakeComment[]
  created_at: string
  updated_at: string
  closed_at: string | null
}

/** The fields a person (or a test) may change on an issue by hand. */
export type IssuePatch = Partial<
  Pick<FakeIssue, 'title' | 'body' | 'state' | 'state_reason' | 'labels'>
>

/** A repository label. */
export interface FakeLabel {
  id: number
  name: string
  color: string
  description: string | null
}

/** A finalized artifact of one run attempt. */
export interface FakeArtifact {
  id: number
  name: string
  runId: number
  runAttempt: number
  workflowRunBackendId: string
  workflowJobRunBackendId: string
  size: number
  /** `sha256:<hex>`, as the uploader reported it at finalize. */
  digest: string
  createdAt: string
  expiresAt: string | null
  /** The uploaded bytes: the zip, unless uploaded with skipArchive. */
  content: Buffer
  /** The blob that holds `content`, for the signed download URL. */
  blobKey: string
}

/** One request the fake answered. */
export interface RecordedRequest {
  method: string
  /** The path without the query string. */
  path: string
  query: Record<string, string>
  status: number
  /** The parsed JSON body, or null for none or binary bodies. */
  body: unknown
}

/** What the fake's token may do, as a workflow `permissions:` block sets it. */
export interface TokenPermissions {
  issues: 'write' | 'read' | 'none'
  actions: 'write' | 'read' | 'none'
}

/** A one-off failure the fake answers instead of the real route. */
export interface ScriptedGitHubFault {
  method?: string
  path?: string | RegExp
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** How many matching requests fail; default 1. */
  times?: number
}

/** The answer of a route handler, turned into HTTP by the server. */
export interface RouteResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A parsed request as route handlers see it. */
export interface RouteRequest {
  method: string
  path: string
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  headers: Record<string, string | string[] | undefined>
}
