/**
 * The results service's ArtifactService over Twirp JSON, as @actions/artifact
 * 6 calls it: proto field names, int64 as strings, errors as {code, msg}.
 * Every call is scoped to the run attempt named in the runtime token.
 */
import type { BlobStore } from './blob-store.ts'
import type { RunScope } from './jwt.ts'
import { isExpired } from './rest-render.ts'
import { checkSchema, type Schema } from './schema-check.ts'
import { timestamp, type GitHubState } from './state.ts'
import type { FakeArtifact, RouteResponse } from './types.ts'

/** The URL path prefix of every ArtifactService method. */
export const TWIRP_PREFIX =
  '/twirp/github.actions.results.api.v1.ArtifactService/'

/** A run attempt the fake issued a runtime token for. */
export interface RunAttempt {
  runId: number
  attempt: number
}

/** What the Twirp handlers share with the server. */
export interface TwirpContext {
  state: GitHubState
  blobs: BlobStore
  /** Run backend id -> run attempt, filled by `runtimeToken()`. */
  runs: Map<string, RunAttempt>
  /** Created but not finalized uploads, by `runBackendId/name`. */
  pending: Map<string, { blobKey: string; expiresAt: string }>
}

type Body = Record<string, unknown>
type Method = (ctx: TwirpContext, scope: RunScope, body: Body) => RouteResponse

const DEFAULT_RETENTION_DAYS = 90
const ids = {
  workflow_run_backend_id: { type: 'string' },
  workflow_job_run_backend_id: { type: 'string' }
}
const idsRequired = ['workflow_run_backend_id', 'workflow_job_run_backend_id']

// Request shapes from the generated client (artifact.ts in the toolkit):
// proto field names, wrappers as plain JSON values, int64 as strings.
const REQUEST_SCHEMAS: Record<string, Schema> = {
  CreateArtifact: objectOf(
    {
      ...ids,
      name: { type: 'string' },
      expires_at: { type: 'string', format: 'date-time' },
      version: { type: 'integer' },
      mime_type: { type: 'string' }
    },
    [...idsRequired, 'name', 'version']
  ),
  FinalizeArtifact: objectOf(
    {
      ...ids,
      name: { type: 'string' },
      size: { type: 'string' },
      hash: { type: 'string' }
    },
    [...idsRequired, 'name', 'size']
  ),
  ListArtifacts: objectOf(
    { ...ids, name_filter: { type: 'string' }, id_filter: { type: 'string' } },
    idsRequired
  ),
  GetSignedArtifactURL: objectOf({ ...ids, name: { type: 'string' } }, [
    ...idsRequired,
    'name'
  ]),
  DeleteArtifact: objectOf({ ...ids, name: { type: 'string' } }, [
    ...idsRequired,
    'name'
  ])
}

const METHODS: Record<string, Method> = {
  CreateArtifact: createArtifact,
  FinalizeArtifact: finalizeArtifact,
  ListArtifacts: listArtifacts,
  GetSignedArtifactURL: getSignedArtifactUrl,
  DeleteArtifact: deleteArtifact
}

/** Answers one Twirp call and lists where the request broke the protocol. */
export function handleTwirp(
  ctx: TwirpContext,
  method: string,
  scope: RunScope | null,
  body: unknown
): { response: RouteResponse; problems: string[] } {
  const handler = METHODS[method]
  const schema = REQUEST_SCHEMAS[method]
  if (!handler || !schema) {
    return {
      response: twirpError(404, 'bad_route', `no handler for ${method}`),
      problems: [`unknown Twirp method ${method}`]
    }
  }
  const problems = checkSchema(
    body ?? {},
    schema,
    { root: {}, rejectUnknownProperties: true },
    method
  )
  if (!scope || !ctx.runs.has(scope.workflowRunBackendId)) {
    return {
      response: twirpError(401, 'unauthenticated', 'invalid runtime token'),
      problems
    }
  }
  const request = (body ?? {}) as Body
  if (
    request.workflow_run_backend_id !== scope.workflowRunBackendId ||
    request.workflow_job_run_backend_id !== scope.workflowJobRunBackendId
  ) {
    return {
      response: twirpError(
        403,
        'permission_denied',
        'workflow run not in token scope'
      ),
      problems
    }
  }
  return { response: handler(ctx, scope, request), problems }
}

function createArtifact(
  ctx: TwirpContext,
  scope: RunScope,
  body: Body
): RouteResponse {
  const name = String(body.name ?? '')
  const key = `${scope.workflowRunBackendId}/${name}`
  if (ctx.pending.has(key) || findArtifact(ctx, scope, name)) {
    return twirpError(
      409,
      'already_exists',
      'an artifact with this name already exists on the workflow run'
    )
  }
  const isZip =
    body.mime_type === undefined || body.mime_type === 'application/zip'
  const upload = ctx.blobs.createUpload(isZip ? `${name}.zip` : name)
  const expiresAt =
    typeof body.expires_at === 'string'
      ? body.expires_at
      : timestamp(new Date(Date.now() + DEFAULT_RETENTION_DAYS * 86_400_000))
  ctx.pending.set(key, { blobKey: upload.key, expiresAt })
  return {
    status: 200,
    body: { ok: true, signed_upload_url: upload.uploadUrl }
  }
}

function finalizeArtifact(
  ctx: TwirpContext,
  scope: RunScope,
  body: Body
): RouteResponse {
  const name = String(body.name ?? '')
  const key = `${scope.workflowRunBackendId}/${name}`
  const upload = ctx.pending.get(key)
  if (!upload) return twirpError(404, 'not_found', 'artifact not found')
  const blob = ctx.blobs.committed(upload.blobKey)
  if (!blob)
    return twirpError(
      400,
      'failed_precondition',
      'artifact upload was not committed'
    )
  const run = ctx.runs.get(scope.workflowRunBackendId) as RunAttempt
  const artifact: FakeArtifact = {
    id: 40_000 + ++ctx.state.counters.artifact,
    name,
    runId: run.runId,
    runAttempt: run.attempt,
    workflowRunBackendId: scope.workflowRunBackendId,
    workflowJobRunBackendId: scope.workflowJobRunBackendId,
    size: Number(body.size ?? blob.content.length),
    // Stored as the uploader reported it, so tampering with `content`
    // later shows up as a digest mismatch on download.
    digest: typeof body.hash === 'string' ? body.hash : '',
    createdAt: timestamp(),
    expiresAt: upload.expiresAt,
    content: blob.content,
    blobKey: upload.blobKey
  }
  ctx.pending.delete(key)
  ctx.state.artifacts.push(artifact)
  return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
}

function listArtifacts(
  ctx: TwirpContext,
  scope: RunScope,
  body: Body
): RouteResponse {
  const now = new Date()
  const artifacts = ctx.state.artifacts
    .filter(
      (a) =>
        a.workflowRunBackendId === scope.workflowRunBackendId &&
        !isExpired(a, now)
    )
    .filter(
      (a) => body.name_filter === undefined || a.name === body.name_filter
    )
    .filter(
      (a) =>
        body.id_filter === undefined || String(a.id) === String(body.id_filter)
    )
    .map((a) => ({
      workflow_run_backend_id: a.workflowRunBackendId,
      workflow_job_run_backend_id: a.workflowJobRunBackendId,
      database_id: String(a.id),
      name: a.name,
      size: String(a.size),
      created_at: a.createdAt,
      ...(a.digest ? { digest: a.digest } : {})
    }))
  return { status: 200, body: { artifacts } }
}

function getSignedArtifactUrl(
  ctx: TwirpContext,
  scope: RunScope,
  body: Body
): RouteResponse {
  const artifact = findArtifact(ctx, scope, String(body.name ?? ''))
  if (!artifact) return twirpError(404, 'not_found', 'artifact not found')
  return {
    status: 200,
    body: { signed_url: ctx.blobs.readUrl(artifact.blobKey) }
  }
}

function deleteArtifact(
  ctx: TwirpContext,
  scope: RunScope,
  body: Body
): RouteResponse {
  const artifact = findArtifact(ctx, scope, String(body.name ?? ''))
  if (!artifact) return twirpError(404, 'not_found', 'artifact not found')
  ctx.state.artifacts.splice(ctx.state.artifacts.indexOf(artifact), 1)
  return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
}

function findArtifact(
  ctx: TwirpContext,
  scope: RunScope,
  name: string
): FakeArtifact | undefined {
  const now = new Date()
  return ctx.state.artifacts.find(
    (a) =>
      a.workflowRunBackendId === scope.workflowRunBackendId &&
      a.name === name &&
      !isExpired(a, now)
  )
}

function twirpError(status: number, code: string, msg: string): RouteResponse {
  return { status, body: { code, msg } }
}

function objectOf(
  properties: Record<string, Schema>,
  required: string[]
): Schema {
  return { type: 'object', properties, required }
}
