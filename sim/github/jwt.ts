import { createHash } from 'node:crypto'

/** The backend ids a runtime token scopes the artifact service to. */
export interface RunScope {
  workflowRunBackendId: string
  workflowJobRunBackendId: string
}

/** A stable UUID-shaped id, so the same run attempt always maps alike. */
export function backendIdFor(
  kind: 'run' | 'job',
  runId: number,
  attempt: number
): string {
  const hex = createHash('sha256')
    .update(`${kind}:${runId}:${attempt}`)
    .digest('hex')
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32)
  ].join('-')
}

/** The run and job backend ids of one run attempt. */
export function scopeFor(runId: number, attempt: number): RunScope {
  return {
    workflowRunBackendId: backendIdFor('run', runId, attempt),
    workflowJobRunBackendId: backendIdFor('job', runId, attempt)
  }
}

/**
 * An unsigned JWT shaped like ACTIONS_RUNTIME_TOKEN. @actions/artifact only
 * decodes it (never verifies), reading the `Actions.Results` scope.
 */
export function makeRuntimeToken(scope: RunScope, nowSeconds: number): string {
  const header = { typ: 'JWT', alg: 'none' }
  const results = `Actions.Results:${scope.workflowRunBackendId}:${scope.workflowJobRunBackendId}`
  const payload = {
    iss: 'https://token.actions.githubusercontent.com/sim',
    aud: 'vso:sim',
    nbf: nowSeconds - 60,
    iat: nowSeconds,
    exp: nowSeconds + 6 * 3600,
    scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 ${results}`
  }
  return `${encodePart(header)}.${encodePart(payload)}.`
}

/** The scope of a runtime token, or null when it is not one of ours. */
export function readRuntimeToken(token: string): RunScope | null {
  const payloadPart = token.split('.')[1]
  if (!payloadPart) return null
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(payloadPart, 'base64url').toString('utf8')
    )
    const scp = (payload as { scp?: unknown }).scp
    if (typeof scp !== 'string') return null
    for (const scope of scp.split(' ')) {
      const [name, run, job] = scope.split(':')
      if (name === 'Actions.Results' && run && job) {
        return { workflowRunBackendId: run, workflowJobRunBackendId: job }
      }
    }
    return null
  } catch {
    return null
  }
}

function encodePart(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
