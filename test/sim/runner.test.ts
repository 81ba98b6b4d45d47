import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi
} from 'vitest'
import { readRuntimeToken, scopeFor } from '../../sim/github/jwt.ts'
import { startGitHubFake, type GitHubFake } from '../../sim/github/server.ts'
import {
  inputEnvName,
  parseFileCommands,
  runAction,
  type ActionRun,
  type RunActionOptions
} from '../../sim/runner.ts'

const ENTRY = fileURLToPath(
  new URL('../fixtures/runner-echo-action.mjs', import.meta.url)
)

let fake: GitHubFake
const runs: ActionRun[] = []

beforeAll(async () => {
  fake = await startGitHubFake()
})

afterAll(async () => {
  await fake.close()
})

afterEach(async () => {
  for (const run of runs.splice(0)) {
    await rm(run.runnerTemp, { recursive: true, force: true })
    await rm(run.workspace, { recursive: true, force: true })
  }
})

async function run(opts: Partial<RunActionOptions> = {}): Promise<ActionRun> {
  const result = await runAction({
    inputs: { 'client-id': 'cid' },
    entry: ENTRY,
    github: fake,
    ...opts
  })
  runs.push(result)
  return result
}

describe('runAction', () => {
  it('passes given inputs and fills the rest from action.yml defaults', async () => {
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.outputs['client-id']).toBe('cid')
    expect(result.outputs['inactive-days']).toBe('90')
    expect(result.outputs['exclude-roles']).toBe(
      'ROLE_ADMIN_CUSTOMER\nROLE_ADMIN_TENANT\nROLE_ADMIN_USER\nROLE_API'
    )
  })

  it('evaluates github.token and runner.temp in defaults', async () => {
    const result = await run()

    expect(result.outputs['github-token']).toBe(fake.token)
    expect(result.outputs['report-dir']).toBe(
      join(result.runnerTemp, 'reltio-inactive-users')
    )
  })

  it('reads the step summary the action wrote', async () => {
    const result = await run({ inputs: { mode: 'summary' } })

    expect(result.summary).toContain('<h1>Echo action</h1>')
    expect(result.summary).toContain('mode: summary')
  })

  it('passes PATH and runner variables but no other host variable', async () => {
    vi.stubEnv('HOST_ONLY_SECRET', 'must-not-leak')
    try {
      const result = await run()
      const keys = (result.outputs['env-keys'] ?? '').split(',')

      expect(keys).toContain('PATH')
      expect(keys).toContain('INPUT_CLIENT-ID')
      expect(keys).toEqual(
        expect.arrayContaining([
          'GITHUB_EVENT_PATH',
          'GITHUB_STEP_SUMMARY',
          'RUNNER_TEMP'
        ])
      )
      expect(keys).not.toContain('HOST_ONLY_SECRET')
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('puts the inputs into a workflow_dispatch payload', async () => {
    const result = await run({
      eventName: 'workflow_dispatch',
      inputs: { 'client-id': 'cid', approve: 'true' }
    })

    expect(JSON.parse(result.outputs['event-inputs'] ?? '')).toEqual({
      'client-id': 'cid',
      approve: 'true'
    })
  })

  it('hands the action a runtime token scoped to the run attempt', async () => {
    const result = await run({ runId: 4242, runAttempt: 3 })

    expect(readRuntimeToken(result.outputs['runtime-token'] ?? '')).toEqual(
      scopeFor(4242, 3)
    )
  })

  it('reports the exit code of a failed action', async () => {
    const result = await run({ inputs: { mode: 'fail' } })

    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('::error::asked to fail')
  })

  it('kills the action when killWhen matches its output', async () => {
    const result = await run({
      inputs: { mode: 'hang' },
      killWhen: (out) => out.includes('READY')
    })

    expect(result.signal).toBe('SIGKILL')
    expect(result.exitCode).toBeNull()
    expect(result.stdout).toContain('READY')
  })
})

describe('inputEnvName', () => {
  it.each([
    ['client-id', 'INPUT_CLIENT-ID'],
    ['my input', 'INPUT_MY_INPUT'],
    ['plan-id', 'INPUT_PLAN-ID']
  ])('maps %s to %s', (name, expected) => {
    expect(inputEnvName(name)).toBe(expected)
  })
})

describe('parseFileCommands', () => {
  it('reads name=value lines and heredocs, CRLF included', () => {
    const text = 'a=1\nb<<EOF_1\nline one\nline=two\nEOF_1\r\nc=x<<y\n'

    expect(parseFileCommands(text)).toEqual({
      a: '1',
      b: 'line one\nline=two',
      c: 'x<<y'
    })
  })

  it('keeps an empty heredoc value', () => {
    expect(parseFileCommands('empty<<D\nD\n')).toEqual({ empty: '' })
  })

  it('throws on a heredoc without its closing delimiter', () => {
    expect(() => parseFileCommands('x<<END\nvalue\n')).toThrow(
      /Invalid file command line 1/
    )
  })
})
