/**
 * The two REST routes @actions/artifact calls with `findBy`: a run's
 * artifacts, and the zip download that redirects to blob storage.
 */
import type { BlobStore } from './blob-store.ts'
import { errorResponse, linkHeaders, paginate } from './http.ts'
import { isExpired, renderArtifact } from './rest-render.ts'
import type { RouteHandler } from './rest-shared.ts'
import type { GitHubState } from './state.ts'
import type { RouteResponse } from './types.ts'

const REPO = '/repos/{owner}/{repo}'

/** The artifact routes, by `METHOD template`; downloads need the blob store. */
export function artifactRoutes(blobs: BlobStore): Record<string, RouteHandler> {
  return {
    [`GET ${REPO}/actions/runs/{run_id}/artifacts`]: listRunArtifacts,
    [`GET ${REPO}/actions/artifacts/{artifact_id}/{archive_format}`]: (
      state,
      req
    ) => downloadArtifact(state, blobs, req.params)
  }
}

// REST is scoped to the run, not the attempt: every attempt's artifacts
// show, newest first, which is how a re-run finds attempt 1's report.
const listRunArtifacts: RouteHandler = (state, req) => {
  const runId = Number(req.params.run_id)
  const name = req.query.get('name')
  const matching = state.artifacts
    .filter((a) => a.runId === runId && (name === null || a.name === name))
    .sort((a, b) => b.id - a.id)
  const url = new URL(`${state.apiUrl}${req.path}`)
  for (const [key, value] of req.query) url.searchParams.set(key, value)
  const page = paginate(matching, req.query, url.toString())
  const now = new Date()
  return {
    status: 200,
    body: {
      total_count: matching.length,
      artifacts: page.items.map((a) => renderArtifact(state, a, now))
    },
    headers: linkHeaders(page.link)
  }
}

function downloadArtifact(
  state: GitHubState,
  blobs: BlobStore,
  params: Record<string, string>
): RouteResponse {
  const artifact = state.artifacts.find(
    (a) => a.id === Number(params.artifact_id)
  )
  if (!artifact || params.archive_format !== 'zip') {
    return errorResponse(404, 'Not Found')
  }
  if (isExpired(artifact, new Date())) {
    return errorResponse(410, 'Artifact has expired')
  }
  return {
    status: 302,
    headers: { location: blobs.readUrl(artifact.blobKey) }
  }
}
