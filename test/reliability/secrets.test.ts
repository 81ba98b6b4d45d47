/**
 * Invariant 6: every flow of dist/index.js (report, dry run, an approval
 * that fails part-way with debug logging on, the approval that finishes,
 * a reactivation) runs with distinctive secrets, and none of them appears
 * anywhere a person or another program could read it. The one allowed
 * place is an `::add-mask::<secret>` line, which is how the runner learns
 * what to mask: the whole line must be the command and the secret alone.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { readZip } from '../support/zip.ts'
import { startWorld, NOW, type World } from '../e2e/world.ts'
import {
  afterOutcomes,
  candidateNames,
  DISPATCH,
  ROOMY,
  userPath,
  type PlanFile
} from './helpers.ts'
import { startTokenTap, type TokenTap } from './token-tap.ts'

const CLIENT = {
  clientId: 'reliability-client',
  clientSecret: 'CS-7f3e9b21-secret-of-the-client',
  roles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_API']
}
const ADMIN = 'admin@acmecorp.example'
const PASSWORD = 'PW-c41d-password-of-the-admin'
const MASK = '::add-mask::'

/** Everything the flows left where people or programs can read it. */
interface Exposure {
  where: string
  text: string
}

describe('secrets across every flow of dist/index.js', () => {
  let world: World
  let tap: TokenTap
  const runs: Array<{ name: string; run: ActionRun }> = []
  const files: Exposure[] = []

  async function record(name: string, run: ActionRun): Promise<ActionRun> {
    runs.push({ name, run })
    for (const entry of await readdir(world.reportDir, {
      recursive: true,
      withFileTypes: true
    })) {
      if (!entry.isFile()) continue
      const path = join(entry.parentPath, entry.name)
      files.push({
        where: `${name}: ${path}`,
        text: await readFile(path, 'utf8')
      })
    }
    return run
  }

  const clientInputs = (): Record<string, string> => ({
    'client-id': CLIENT.clientId,
    'client-secret': CLIENT.clientSecret,
    'auth-url': tap.url
  })
  const passwordInputs = (): Record<string, string> => ({
    ...clientInputs(),
    username: ADMIN,
    password: PASSWORD
  })

  beforeAll(async () => {
    world = await startWorld({
      seed: { count: 60, seed: 11, now: new Date(NOW) },
      clients: [CLIENT],
      passwords: { [ADMIN]: PASSWORD }
    })
    tap = await startTokenTap(world.reltio.url)
    const report = await record('report', await world.run(clientInputs()))
    expect(report.exitCode).toBe(0)
    const plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    ) as PlanFile
    const approve = {
      ...passwordInputs(),
      ...ROOMY,
      approve: 'true',
      'plan-id': plan.planId
    }

    const dryRun = await world.run({ ...approve, 'dry-run': 'true' }, DISPATCH)
    expect((await record('dry run', dryRun)).exitCode).toBe(0)

    // A red run: one user's PUT fails, and every token expires part-way,
    // so Reltio answers 401 with a body that quotes the expired token.
    const [failing] = candidateNames(plan) as [string]
    world.reltio.scriptFault({
      method: 'PUT',
      path: userPath(failing),
      status: 500
    })
    let expired = false
    const third = afterOutcomes('deactivated', 3)
    const red = await world.run(approve, {
      ...DISPATCH,
      debug: true,
      killWhen: (stdout) => {
        if (!expired && third(stdout)) {
          world.reltio.expireTokens()
          expired = true
        }
        return false
      }
    })
    expect((await record('failing approval', red)).exitCode).toBe(1)
    expect(expired).toBe(true)

    const finish = await world.run(approve, { ...DISPATCH, runId: 88_001 })
    expect((await record('approval', finish)).exitCode).toBe(0)

    const undo = await world.run(
      { ...clientInputs(), reactivate: '88001' },
      DISPATCH
    )
    expect((await record('reactivation', undo)).exitCode).toBe(0)
  })
  afterAll(async () => {
    await tap.close()
    await world.close()
  })

  /** Every secret the runs held, in the forms a log could print them. */
  function secrets(): string[] {
    const raw = [
      CLIENT.clientSecret,
      PASSWORD,
      world.github.token,
      Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString(
        'base64'
      ),
      ...tap.tokens
    ]
    return [...new Set(raw.flatMap((s) => [s, encodeURIComponent(s)]))]
  }

  function leaksIn(exposures: Exposure[]): string[] {
    return exposures.flatMap(({ where, text }) =>
      secrets()
        .filter((secret) => text.includes(secret))
        .map((secret) => `${where} holds ${secret.slice(0, 12)}…`)
    )
  }

  it('held distinctive tokens: several access tokens and a refresh token', () => {
    expect(tap.tokens.size).toBeGreaterThanOrEqual(6)
    expect(runs.map((r) => r.name)).toEqual([
      'report',
      'dry run',
      'failing approval',
      'approval',
      'reactivation'
    ])
  })

  it('finds a secret where one is: the token requests Reltio received', () => {
    // A control for the searches below: Reltio must get the password.
    const sent = world.reltio.requests.filter((r) => r.path === '/oauth/token')
    const found = leaksIn([
      { where: 'token requests', text: JSON.stringify(sent.map((r) => r.body)) }
    ])
    expect(found.some((line) => line.includes(PASSWORD.slice(0, 12)))).toBe(
      true
    )
  })

  it('prints no secret to stdout or stderr outside an exact ::add-mask:: line', () => {
    const exposures = runs.flatMap(({ name, run }) => [
      ...run.stdout
        .split('\n')
        .filter(
          (line) =>
            !(
              line.startsWith(MASK) &&
              secrets().includes(line.slice(MASK.length))
            )
        )
        .map((line, i) => ({ where: `${name} stdout line ${i}`, text: line })),
      { where: `${name} stderr`, text: run.stderr }
    ])
    expect(leaksIn(exposures)).toEqual([])
  })

  it('tells the runner to mask each secret before anything could print it', () => {
    const masked = new Set(
      runs.flatMap(({ run }) =>
        run.stdout
          .split('\n')
          .filter((line) => line.startsWith(MASK))
          .map((line) => line.slice(MASK.length))
      )
    )
    const wanted = [
      CLIENT.clientSecret,
      PASSWORD,
      world.github.token,
      ...tap.tokens
    ]
    expect(wanted.filter((secret) => !masked.has(secret))).toEqual([])
  })

  it('puts no secret in the summaries or outputs', () => {
    const exposures = runs.flatMap(({ name, run }) => [
      { where: `${name} summary`, text: run.summary },
      { where: `${name} outputs`, text: JSON.stringify(run.outputs) }
    ])
    expect(exposures.every((e) => e.text.length > 0)).toBe(true)
    expect(leaksIn(exposures)).toEqual([])
  })

  it('puts no secret in the files of report-dir', () => {
    expect(files.map((f) => f.where).join('\n')).toMatch(/rollback\.json/)
    expect(leaksIn(files)).toEqual([])
  })

  it('sends no secret to GitHub: requests, issues, comments, artifacts', () => {
    const { github } = world
    const exposures: Exposure[] = [
      ...github.requests.map((r) => ({
        where: `${r.method} ${r.path}`,
        text: JSON.stringify({ query: r.query, body: r.body })
      })),
      ...github.issues.flatMap((issue) => [
        {
          where: `issue #${issue.number}`,
          text: `${issue.title}\n${issue.body ?? ''}`
        },
        ...issue.comments.map((c) => ({
          where: `comment on #${issue.number}`,
          text: c.body ?? ''
        }))
      ]),
      ...github.artifacts.flatMap((artifact) =>
        [...readZip(artifact.content)].map(([file, bytes]) => ({
          where: `artifact ${artifact.name}: ${file}`,
          text: bytes.toString('utf8')
        }))
      )
    ]
    expect(github.artifacts.length).toBeGreaterThanOrEqual(3)
    expect(github.issues[0]?.comments.length).toBeGreaterThanOrEqual(2)
    expect(leaksIn(exposures)).toEqual([])
  })
})
