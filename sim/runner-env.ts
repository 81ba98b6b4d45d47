/**
 * The environment the GitHub runner gives a node action: its variables,
 * the INPUT_* values with action.yml defaults evaluated, and the event
 * payload. Built from scratch so nothing from the host leaks in.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import type { GitHubFake } from './github/server.ts'
import type { RunActionOptions } from './runner.ts'

const ACTION_YML = fileURLToPath(new URL('../action.yml', import.meta.url))

/** The per-run directories and file-command files. */
export interface RunFiles {
  runnerTemp: string
  workspace: string
  eventPath: string
  summary: string
  output: string
  env: string
  state: string
  path: string
}

/** Every variable the action sees, host PATH included and nothing else. */
export async function buildEnv(
  opts: RunActionOptions,
  files: RunFiles
): Promise<Record<string, string>> {
  const repository =
    opts.repository ??
    (opts.github
      ? `${opts.github.owner}/${opts.github.repo}`
      : 'acme/identity-ops')
  const runId = opts.runId ?? 1000
  const runAttempt = opts.runAttempt ?? 1
  const actor = opts.actor ?? 'octocat'
  const token = opts.github?.token ?? 'ghs_no_github_fake'
  const expressions: Record<string, string> = {
    'github.token': token,
    'runner.temp': files.runnerTemp,
    'github.workspace': files.workspace,
    'github.repository': repository,
    'github.run_id': String(runId)
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(files.runnerTemp, '_home'),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    ...repositoryEnv(repository),
    ...runEnv(opts, runId, runAttempt, actor),
    ...urlEnv(opts.github),
    ...fileEnv(files),
    ...runtimeEnv(opts.github, runId, runAttempt),
    ...(opts.debug ? { RUNNER_DEBUG: '1' } : {}),
    ...(await inputEnv(opts.inputs, expressions))
  }
  await mkdir(env.HOME as string, { recursive: true })
  return { ...env, ...opts.env }
}

function repositoryEnv(repository: string): Record<string, string> {
  return {
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_REPOSITORY_ID: '123456789',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_WORKFLOW: 'Reltio inactive users',
    GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/reltio-inactive-users.yml@refs/heads/main`
  }
}

function runEnv(
  opts: RunActionOptions,
  runId: number,
  runAttempt: number,
  actor: string
): Record<string, string> {
  return {
    GITHUB_RUN_ID: String(runId),
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: String(runAttempt),
    GITHUB_ACTOR: actor,
    GITHUB_ACTOR_ID: '583231',
    GITHUB_TRIGGERING_ACTOR: actor,
    GITHUB_EVENT_NAME: opts.eventName ?? 'workflow_dispatch',
    GITHUB_JOB: 'report',
    GITHUB_ACTION: '__self',
    GITHUB_ACTION_REPOSITORY: '',
    GITHUB_RETENTION_DAYS: '90',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted'
  }
}

function urlEnv(github: GitHubFake | undefined): Record<string, string> {
  const api = github?.apiUrl ?? 'https://api.github.com'
  return {
    GITHUB_SERVER_URL: github?.serverUrl ?? 'https://github.com',
    GITHUB_API_URL: api,
    GITHUB_GRAPHQL_URL: `${api}/graphql`
  }
}

function fileEnv(files: RunFiles): Record<string, string> {
  return {
    GITHUB_WORKSPACE: files.workspace,
    RUNNER_TEMP: files.runnerTemp,
    GITHUB_EVENT_PATH: files.eventPath,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path
  }
}

// The runner hands node actions the results service; `run:` steps get none.
function runtimeEnv(
  github: GitHubFake | undefined,
  runId: number,
  runAttempt: number
): Record<string, string> {
  if (!github) return {}
  return {
    ACTIONS_RUNTIME_TOKEN: github.runtimeToken(runId, runAttempt),
    ACTIONS_RESULTS_URL: github.resultsUrl
  }
}

async function inputEnv(
  given: Record<string, string>,
  expressions: Record<string, string>
): Promise<Record<string, string>> {
  const declared = await readActionInputs()
  const values: Record<string, string> = {}
  for (const [name, spec] of Object.entries(declared)) {
    values[name] = given[name] ?? evaluate(spec.default ?? '', expressions)
  }
  // Inputs action.yml does not declare still reach the action (the runner
  // only warns), so a test can show the action ignoring them.
  Object.assign(values, given)
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [inputEnvName(name), value])
  )
}

/** The runner's variable name for an input: upper case, spaces to `_`. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

let actionInputs: Promise<Record<string, { default?: string }>> | null = null

function readActionInputs(): Promise<Record<string, { default?: string }>> {
  actionInputs ??= readFile(ACTION_YML, 'utf8').then(
    (text) =>
      (parseYaml(text) as { inputs?: Record<string, { default?: string }> })
        .inputs ?? {}
  )
  return actionInputs
}

function evaluate(text: string, expressions: Record<string, string>): string {
  return String(text).replace(
    /\$\{\{\s*([\w.]+)\s*\}\}/g,
    (_, name: string) => {
      const value = expressions[name]
      if (value === undefined) {
        throw new Error(
          `runAction cannot evaluate \${{ ${name} }} in an action.yml default`
        )
      }
      return value
    }
  )
}

/** The JSON behind GITHUB_EVENT_PATH for the run's event. */
export function eventPayload(
  opts: RunActionOptions,
  env: Record<string, string>
): Record<string, unknown> {
  const [owner = '', name = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const base: Record<string, unknown> = {
    repository: {
      name,
      full_name: `${owner}/${name}`,
      owner: { login: owner }
    },
    sender: { login: env.GITHUB_ACTOR, type: 'User' },
    workflow: '.github/workflows/reltio-inactive-users.yml',
    ref: env.GITHUB_REF
  }
  if (env.GITHUB_EVENT_NAME === 'workflow_dispatch')
    base.inputs = { ...opts.inputs }
  if (env.GITHUB_EVENT_NAME === 'schedule') base.schedule = '17 6 * * *'
  return { ...base, ...opts.event }
}
