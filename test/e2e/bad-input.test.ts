import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { reltioWrites, startWorld, type World } from './world.ts'

/** The `::error::` lines the action printed: what a person sees in red. */
function errorLines(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::error'))
}

function expectOneClearError(run: ActionRun, ...fragments: string[]): void {
  expect(run.exitCode).toBe(1)
  const errors = errorLines(run)
  expect(errors).toHaveLength(1)
  for (const fragment of fragments) expect(errors[0]).toContain(fragment)
  // No stack trace without debug logging.
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
}

describe('bad input to dist/index.js', () => {
  let world: World

  beforeAll(async () => {
    world = await startWorld({
      seed: { count: 30, seed: 3, now: new Date('2026-12-01T00:00:00Z') }
    })
  })
  afterAll(() => world.close())

  it('names the client inputs when the secret is wrong', async () => {
    const run = await world.run({ 'client-secret': 'not-the-secret-4711' })
    expectOneClearError(run, 'client-id', 'client-secret')
    // Only the runner's mask command may carry it; the runner hides it.
    const shown = run.stdout.replace(/^::add-mask::.*$/gm, '')
    expect(shown).not.toContain('not-the-secret-4711')
  })

  it('names auth-url when it cannot be reached', async () => {
    const run = await world.run({ 'auth-url': 'http://127.0.0.1:9' })
    expectOneClearError(run, 'auth-url', 'http://127.0.0.1:9')
  })

  it.each(['-1', 'abc'])(
    'names inactive-days and its value %s',
    async (value) => {
      const run = await world.run({ 'inactive-days': value })
      expectOneClearError(run, 'inactive-days', `'${value}'`)
    }
  )

  it('names allowlist-file when the file is malformed', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'e2e-ws-'))
    await mkdir(join(workspace, '.github'))
    await writeFile(
      join(workspace, '.github/reltio-inactive-users.yml'),
      'allow:\n  - match: ceo@example.com\n    owner: [unclosed\n'
    )
    const run = await world.run({}, { workspace })
    expectOneClearError(run, 'allowlist-file')
  })

  it('names the endpoint when Reltio answers malformed JSON', async () => {
    world.reltio.scriptFault({
      method: 'GET',
      path: '/oauth/users',
      status: 200,
      body: '[{"username": "a"',
      times: 20
    })
    const run = await world.run()
    expectOneClearError(run, 'GET /oauth/users', 'malformed JSON')
  })

  it('never wrote to Reltio on any of these runs', () => {
    expect(reltioWrites(world.reltio)).toEqual([])
  })
})
