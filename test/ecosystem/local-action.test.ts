import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startReltioSimulator } from '../../sim/reltio/server.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BIN = join(ROOT, 'node_modules/.bin')
const run = promisify(execFile)

// local-action starts `npm exec tsx`, which must find Node 24 and the
// project's binaries first on PATH, as npm scripts arrange.
function runLocalAction(args: string[]): Promise<{ stdout: string }> {
  return run(join(BIN, 'local-action'), args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: [BIN, dirname(process.execPath), process.env.PATH].join(delimiter),
      FORCE_COLOR: '0'
    }
  })
}

/**
 * Writes .env.example with the simulator's address (the example names a
 * fixed port; tests use a free one) and files kept in a temporary directory.
 */
async function writeLocalEnv(
  dir: string,
  simulatorUrl: string
): Promise<string> {
  const example = await readFile(join(ROOT, '.env.example'), 'utf8')
  const env = example
    .replaceAll('http://127.0.0.1:8086', simulatorUrl)
    .replace(/^INPUT_REPORT-DIR=.*$/m, `INPUT_REPORT-DIR=${dir}/report`)
    .replace(
      /^GITHUB_STEP_SUMMARY=.*$/m,
      `GITHUB_STEP_SUMMARY=${dir}/summary.md`
    )
    .replace(
      /^LOCAL_ACTION_ARTIFACT_PATH=.*$/m,
      `LOCAL_ACTION_ARTIFACT_PATH=${dir}`
    )
  expect(env).toContain(`INPUT_AUTH-URL=${simulatorUrl}`)
  const file = join(dir, '.env')
  await writeFile(file, env)
  return file
}

/** Reads KEY=value lines of an env file, skipping comments and blanks. */
function readEnvNames(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => /^[A-Z]/.test(line))
    .map((line): [string, string] => {
      const at = line.indexOf('=')
      return [line.slice(0, at), line.slice(at + 1)]
    })
  return new Map(entries)
}

describe('npm run local-action', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-action-'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  // A ceiling, not a timing: tsx compiles src/ on the fly, which a busy
  // machine can stretch well past the suite's default.
  it(
    'runs src/main.ts from .env.example against the simulator',
    { timeout: 180_000 },
    async () => {
      const simulator = await startReltioSimulator()
      try {
        const envFile = await writeLocalEnv(dir, simulator.url)

        const { stdout } = await runLocalAction(['.', 'src/main.ts', envFile])

        expect(stdout).toMatch(/plan-id\W+[0-9a-f]{16}/)
        expect(await readFile(join(dir, 'summary.md'), 'utf8')).toContain(
          'AcmeCorp'
        )
        const plan = await readFile(join(dir, 'report/plan.json'), 'utf8')
        expect(plan).toContain('"planId"')
        const methods = simulator.requests.map((request) => request.method)
        expect(methods).toContain('GET')
        expect(methods).not.toContain('PUT')
      } finally {
        await simulator.close()
      }
    }
  )
})

describe('.env.example', () => {
  it('names only inputs of action.yml, hyphens kept, and every required one', async () => {
    const [envText, actionYml] = await Promise.all([
      readFile(join(ROOT, '.env.example'), 'utf8'),
      readFile(join(ROOT, 'action.yml'), 'utf8')
    ])
    const inputs = (
      parse(actionYml) as { inputs: Record<string, { required?: boolean }> }
    ).inputs
    const envInputs = [...readEnvNames(envText).keys()]
      .filter((name) => name.startsWith('INPUT_'))
      .map((name) => name.slice('INPUT_'.length).toLowerCase())
    const required = Object.keys(inputs).filter(
      (name) => inputs[name]?.required === true
    )

    expect(envInputs.filter((name) => !(name in inputs))).toEqual([])
    expect(required.filter((name) => !envInputs.includes(name))).toEqual([])
  })

  it('points at the simulator on loopback and writes nothing', async () => {
    const env = readEnvNames(await readFile(join(ROOT, '.env.example'), 'utf8'))
    expect(env.get('INPUT_AUTH-URL')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(env.get('INPUT_CLIENT-ID')).toBe('sim-admin-client')
    expect(env.get('INPUT_DRY-RUN')).toBe('true')
    expect(env.get('INPUT_ISSUE')).toBe('false')
  })

  it('is what the local-action script reads once copied to .env', async () => {
    const pkg = JSON.parse(
      await readFile(join(ROOT, 'package.json'), 'utf8')
    ) as { scripts: Record<string, string> }
    expect(pkg.scripts['local-action']).toBe('local-action . src/main.ts .env')
  })
})
