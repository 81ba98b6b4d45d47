/**
 * Runs the action's `run()` inside the test process, the way dist/index.js
 * runs it: inputs from INPUT_* variables, workflow commands on stdout, the
 * exit code in process.exitCode. Much faster than a child process, for the
 * many runs that end before they talk to GitHub.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.ts'
import { inputEnvName } from '../../sim/runner.ts'

/** What a run in this process printed and how it ended. */
export interface InProcessRun {
  stdout: string
  exitCode: number
}

/**
 * Runs the action with `inputs` (missing ones take their action.yml
 * defaults, as the runner fills them in) and restores the environment,
 * stdout and exit code afterwards.
 */
export async function runInProcess(
  inputs: Record<string, string>,
  workspace?: string
): Promise<InProcessRun> {
  const savedEnv = { ...process.env }
  const savedWrite = process.stdout.write
  const savedExitCode = process.exitCode
  const temp = await mkdtemp(join(tmpdir(), 'in-process-'))
  const summary = join(temp, 'summary.md')
  const output = join(temp, 'output.txt')
  await Promise.all([writeFile(summary, ''), writeFile(output, '')])
  let stdout = ''
  try {
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) {
        Reflect.deleteProperty(process.env, key)
      }
    }
    for (const [name, value] of Object.entries(inputs)) {
      process.env[inputEnvName(name)] = value
    }
    Object.assign(process.env, {
      GITHUB_WORKSPACE: workspace ?? temp,
      RUNNER_TEMP: temp,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output
    })
    process.exitCode = 0
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    }) as typeof process.stdout.write
    await run()
    return { stdout, exitCode: Number(process.exitCode ?? 0) }
  } finally {
    process.stdout.write = savedWrite
    process.exitCode = savedExitCode
    for (const key of Object.keys(process.env))
      Reflect.deleteProperty(process.env, key)
    Object.assign(process.env, savedEnv)
  }
}
