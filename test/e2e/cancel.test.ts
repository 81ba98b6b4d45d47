import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { startWorld, type World } from './world.ts'

interface PlanFile {
  planId: string
  candidates: Array<{ username: string }>
}

const approveInputs = (planId: string): Record<string, string> => ({
  approve: 'true',
  'plan-id': planId,
  'max-deactivations': '500',
  'max-deactivation-percent': '100',
  concurrency: '2'
})

const deactivatedLines = (stdout: string): number =>
  stdout.split('\n').filter((line) => /: deactivated\b/.test(line)).length

describe('an approval run cancelled as GitHub cancels it (SIGINT)', () => {
  let world: World
  let plan: PlanFile
  let cancelled: ActionRun
  let disabledAfterCancel: string[]

  beforeAll(async () => {
    world = await startWorld()
    await world.run()
    plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    // Slow answers keep most users unbegun when the signal arrives.
    world.reltio.setSwitches({ latencyMs: 60 })
    cancelled = await world.run(approveInputs(plan.planId), {
      eventName: 'workflow_dispatch',
      killWhen: (stdout) => deactivatedLines(stdout) >= 2,
      killSignal: 'SIGINT'
    })
    disabledAfterCancel = plan.candidates
      .map((c) => c.username)
      .filter((name) => world.reltio.users.get(name)?.enabled === false)
  })
  afterAll(() => world.close())

  it('stops early, ends red and says the run was cancelled', () => {
    expect(cancelled.exitCode).toBe(1)
    expect(cancelled.stdout).toContain('was cancelled')
    expect(disabledAfterCancel.length).toBeGreaterThanOrEqual(2)
    expect(disabledAfterCancel.length).toBeLessThan(plan.candidates.length)
  })

  it('records which users were done and which were left as they were', async () => {
    const results = JSON.parse(
      await readFile(join(world.reportDir, 'results.json'), 'utf8')
    ) as { users: Array<{ username: string; outcome: string; error?: string }> }
    const done = results.users
      .filter((u) => u.outcome === 'deactivated')
      .map((u) => u.username)
    expect(done.sort()).toEqual([...disabledAfterCancel].sort())
    const left = results.users.filter((u) => u.outcome === 'failed')
    expect(left.length).toBe(plan.candidates.length - done.length)
    for (const user of left) expect(user.error).toMatch(/cancelled/)
    const rollback = JSON.parse(
      await readFile(join(world.reportDir, 'rollback.json'), 'utf8')
    ) as { users: Array<{ username: string }> }
    expect(rollback.users.map((u) => u.username).sort()).toEqual(done.sort())
  })

  it('finishes the rest on the next run without writing anyone twice', async () => {
    world.reltio.setSwitches({ latencyMs: 0 })
    const again = await world.run(approveInputs(plan.planId), {
      eventName: 'workflow_dispatch'
    })
    expect(again.exitCode).toBe(0)
    for (const candidate of plan.candidates) {
      expect(world.reltio.users.get(candidate.username)?.enabled).toBe(false)
    }
    const puts = world.reltio.requests.filter((r) => r.method === 'PUT')
    const perUser = new Map<string, number>()
    for (const put of puts)
      perUser.set(put.path, (perUser.get(put.path) ?? 0) + 1)
    expect([...perUser.values()].every((n) => n === 1)).toBe(true)
    expect(perUser.size).toBe(plan.candidates.length)
  })
})
