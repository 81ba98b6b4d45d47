import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeEntities } from '../support/html.ts'
import { reltioWrites, startWorld, NOW, type World } from './world.ts'

interface PlanFile {
  planId: string
  candidates: Array<{ username: string }>
  counts: { enabled: number }
}

const dispatch = { eventName: 'workflow_dispatch', actor: 'octo-approver' }
const roomy = { 'max-deactivations': '500', 'max-deactivation-percent': '100' }

describe('approval refusals of dist/index.js', () => {
  let world: World
  let plan: PlanFile

  beforeEach(async () => {
    world = await startWorld()
    const report = await world.run()
    expect(report.exitCode).toBe(0)
    plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
  })
  afterEach(() => world.close())

  const approve = (
    inputs: Record<string, string> = {},
    actor = 'octo-approver'
  ) =>
    world.run(
      { approve: 'true', 'plan-id': plan.planId, ...roomy, ...inputs },
      { ...dispatch, actor }
    )

  it('refuses a plan id that is not the current one and names the current', async () => {
    const run = await approve({ 'plan-id': '0123456789abcdef' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('0123456789abcdef')
    expect(run.stdout).toContain(plan.planId)
    expect(reltioWrites(world.reltio)).toEqual([])
  })

  it('refuses an actor who is not among the approvers', async () => {
    const run = await approve({ approvers: 'alice\nbob' }, 'mallory')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/mallory/)
    expect(run.stdout).toMatch(/approvers/)
    expect(reltioWrites(world.reltio)).toEqual([])
  })

  it('ignores and reports a user added to the issue who is not in the plan', async () => {
    const outsider = [...world.reltio.users.values()].find(
      (u) =>
        u.enabled !== false &&
        !plan.candidates.some((c) => c.username === u.username)
    )!
    const issue = world.github.issues[0]!
    world.github.editIssue(issue.number, {
      body: `${issue.body}\n- [x] \`${outsider.username as string}\` added by hand\n`
    })
    const run = await approve()
    expect(run.exitCode).toBe(0)
    expect(
      world.reltio.users.get(outsider.username as string)?.enabled
    ).not.toBe(false)
    expect(decodeEntities(run.summary)).toContain(outsider.username as string)
    expect(run.summary).toMatch(/not in the plan/i)
  })

  it('refuses more users than max-deactivations before any write', async () => {
    const run = await approve({
      'max-deactivations': String(plan.candidates.length - 1)
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('max-deactivations')
    expect(reltioWrites(world.reltio)).toEqual([])
  })

  it('refuses a share above max-deactivation-percent before any write', async () => {
    const run = await approve({ 'max-deactivation-percent': '1' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('max-deactivation-percent')
    expect(reltioWrites(world.reltio)).toEqual([])
  })

  it('skips a user who logged in after the report, and says why', async () => {
    const returning = plan.candidates[0]!.username
    world.reltio.users.get(returning)!.lastLoginDate = Date.parse(NOW) - 60_000
    const run = await approve()
    expect(run.exitCode).toBe(0)
    expect(world.reltio.users.get(returning)?.enabled).not.toBe(false)
    expect(Number(run.outputs.skipped)).toBeGreaterThanOrEqual(1)
    expect(decodeEntities(run.summary)).toContain(returning)
    expect(Number(run.outputs.deactivated)).toBe(plan.candidates.length - 1)
  })

  it('makes every decision in dry-run and sends no PUT', async () => {
    const run = await approve({ 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    expect(reltioWrites(world.reltio)).toEqual([])
    expect(run.outputs.deactivated).toBe('0')
    expect(run.summary).toMatch(/would deactivate/i)
    expect(world.github.issues[0]!.state).toBe('open')
  })
})
