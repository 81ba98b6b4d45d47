/**
 * Runs a JavaScript action the way the GitHub runner does: a child Node
 * process with INPUT_* variables (action.yml defaults filled in), the
 * runner's GITHUB_* and RUNNER_* variables, an event payload file and
 * pre-created file-command files, and nothing else from the host's env.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GitHubFake } from './github/server.ts'
import { buildEnv, eventPayload, type RunFiles } from './runner-env.ts'

export { inputEnvName } from './runner-env.ts'

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** How to run the action; only `inputs` is required. */
export interface RunActionOptions {
  /** Inputs by their action.yml names, as a workflow's `with:` gives them. */
  inputs: Record<string, string>
  /** The GitHub fake; without it the URLs point at github.com. */
  github?: GitHubFake
  runId?: number
  runAttempt?: number
  actor?: string
  eventName?: string
  /** Extra fields merged into the event payload. */
  event?: Record<string, unknown>
  /** `owner/name`; defaults to the fake's repository. */
  repository?: string
  /** Set last, so they override anything above. */
  env?: Record<string, string>
  /** Sets RUNNER_DEBUG=1, as re-running with debug logging does. */
  debug?: boolean
  workspace?: string
  /** The script to run; default `<repo>/dist/index.js`. */
  entry?: string
  /** The Node binary; default the one running this code. */
  node?: string
  /** SIGKILLs the child as soon as this returns true for its stdout so far. */
  killWhen?: (stdoutSoFar: string) => boolean
  /**
   * The signal `killWhen` sends: SIGKILL by default; SIGINT is what GitHub
   * sends first when a person cancels a run.
   */
  killSignal?: NodeJS.Signals
  /** SIGKILLs the child after this long, as a job timeout does. */
  timeoutMs?: number
}

/** What a finished (or killed) run left behind. */
export interface ActionRun {
  exitCode: number | null
  signal: string | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  workspace: string
  runnerTemp: string
}

/** Runs the action to completion (or until killed) and collects its results. */
export async function runAction(opts: RunActionOptions): Promise<ActionRun> {
  const files = await prepareFiles(opts)
  const env = await buildEnv(opts, files)
  await writeFile(files.eventPath, JSON.stringify(eventPayload(opts, env)))
  const child = await spawnAction(opts, files.workspace, env)
  return {
    ...child,
    outputs: parseFileCommands(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    workspace: files.workspace,
    runnerTemp: files.runnerTemp
  }
}

async function prepareFiles(opts: RunActionOptions): Promise<RunFiles> {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'runner-temp-'))
  const workspace =
    opts.workspace ?? (await mkdtemp(join(tmpdir(), 'runner-workspace-')))
  const commands = join(runnerTemp, '_runner_file_commands')
  await mkdir(commands, { recursive: true })
  await mkdir(join(runnerTemp, '_github_workflow'), { recursive: true })
  const files: RunFiles = {
    runnerTemp,
    workspace,
    eventPath: join(runnerTemp, '_github_workflow', 'event.json'),
    summary: join(commands, 'step_summary_1'),
    output: join(commands, 'set_output_1'),
    env: join(commands, 'set_env_1'),
    state: join(commands, 'save_state_1'),
    path: join(commands, 'add_path_1')
  }
  // @actions/core checks the summary file is writable before appending.
  for (const file of [
    files.summary,
    files.output,
    files.env,
    files.state,
    files.path
  ]) {
    await writeFile(file, '')
  }
  return files
}

// Asynchronous on purpose: spawnSync would block this process's event loop,
// and with it the in-process fakes the action is talking to.
function spawnAction(
  opts: RunActionOptions,
  cwd: string,
  env: Record<string, string>
): Promise<Pick<ActionRun, 'exitCode' | 'signal' | 'stdout' | 'stderr'>> {
  const entry = opts.entry ?? join(REPO_ROOT, 'dist', 'index.js')
  const child = spawn(opts.node ?? process.execPath, [entry], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let signalled = false
  const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  const timer =
    opts.timeoutMs === undefined ? null : setTimeout(kill, opts.timeoutMs)
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    if (!signalled && opts.killWhen?.(stdout)) {
      // Once: a cancelled run keeps printing while it winds down.
      signalled = true
      kill(opts.killSignal)
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ exitCode, signal, stdout, stderr })
    })
  })
}

/**
 * Reads a GITHUB_OUTPUT-style file: `name=value` lines and the
 * `name<<DELIMITER` heredocs @actions/core writes.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      values[line.slice(0, equals)] = line.slice(equals + 1)
      continue
    }
    const name = line.slice(0, heredoc)
    const delimiter = line.slice(heredoc + 2)
    const end = lines.indexOf(delimiter, i + 1)
    if (heredoc <= 0 || end < 0) {
      throw new Error(
        `Invalid file command line ${i + 1}: ${line.slice(0, 60)}`
      )
    }
    values[name] = lines.slice(i + 1, end).join('\n')
    i = end
  }
  return values
}
