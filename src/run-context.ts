/**
 * What the runner tells the action about the workflow run it is part of.
 * Read from the environment once, so the rest of the code takes it as data.
 */
export interface RunContext {
  owner: string | null
  repo: string | null
  runId: string | null
  runAttempt: number
  actor: string | null
  eventName: string | null
  serverUrl: string
  /** The workflow file name, e.g. `reltio-inactive-users.yml`. */
  workflowFile: string | null
  /** Whether the runner provides the artifact service to this step. */
  hasArtifactService: boolean
}

/** Reads the runner's variables; missing ones become null. */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  return {
    owner: owner || null,
    repo: repo || null,
    runId: env.GITHUB_RUN_ID || null,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || null,
    eventName: env.GITHUB_EVENT_NAME || null,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    workflowFile: workflowFileOf(env.GITHUB_WORKFLOW_REF),
    hasArtifactService: Boolean(
      env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL
    )
  }
}

/** The URL of a run's page, or null outside GitHub. */
export function runUrlOf(context: RunContext): string | null {
  if (!context.owner || !context.repo || !context.runId) return null
  return `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${context.runId}`
}

/** `owner/repo/.github/workflows/x.yml@refs/heads/main` -> `x.yml`. */
function workflowFileOf(workflowRef: string | undefined): string | null {
  const path = workflowRef?.split('@')[0] ?? ''
  const file = path.split('/').pop()
  return file && /\.ya?ml$/.test(file) ? file : null
}
