/**
 * Approval runs of dist/index.js killed with SIGKILL part-way through their
 * writes, then run again (invariant 10): every approved user ends
 * deactivated by exactly one PUT, nobody loses a field, and the next run
 * reports the earlier run's users as already done.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { startWorld, type World } from '../e2e/world.ts'
import {
  afterOutcomes,
  appliedPuts,
  approve,
  candidateNames,
  damage,
  errorLines,
  readResults,
  runReport,
  snapshot,
  summaryRow,
  type PlanFile,
  type Snapshot
} from './helpers.ts'

describe('an approval killed part-way and run again', () => {
  let world: World
  let plan: PlanFile
  let before: Snapshot
  let limits: Record<string, string>

  beforeEach(async () => {
    world = await startWorld()
    plan = await runReport(world)
    before = snapshot(world.reltio)
    // Limits the first run only just passes: a re-run must still pass them
    // although fewer users are enabled by then.
    const approved = plan.candidates.length
    limits = {
      'max-deactivations': String(approved),
      'max-deactivation-percent': String(
        Math.ceil((approved * 100) / plan.counts.enabled)
      )
    }
  })
  afterEach(() => world.close())

  function disabledSince(): string[] {
    return candidateNames(plan).filter(
      (name) => world.reltio.users.get(name)?.enabled === false
    )
  }

  async function expectFinishedOnce(last: ActionRun): Promise<void> {
    const approved = candidateNames(plan)
    expect(errorLines(last.stdout)).toEqual([])
    expect(last.exitCode).toBe(0)
    const puts = appliedPuts(world.reltio)
    for (const name of approved) expect(puts.get(name)).toBe(1)
    expect([...puts.keys()].sort()).toEqual([...approved].sort())
    expect(damage(world.reltio, before, approved)).toEqual([])
  }

  it.each([1, 4, 15])(
    'finishes the plan after a kill once %i users are deactivated',
    async (killAt) => {
      const killed = await approve(world, plan, limits, {
        killWhen: afterOutcomes('deactivated', killAt)
      })
      expect(killed.signal).toBe('SIGKILL')
      const doneByFirst = disabledSince()
      expect(doneByFirst.length).toBeGreaterThanOrEqual(killAt)
      expect(doneByFirst.length).toBeLessThan(plan.candidates.length)

      const again = await approve(world, plan, limits)
      await expectFinishedOnce(again)
      const results = await readResults(world)
      for (const name of doneByFirst) {
        expect(results.get(name)).toMatchObject({ outcome: 'already-disabled' })
        expect(summaryRow(again.summary, name)).toContain(
          '| already disabled |'
        )
      }
      expect(again.outputs.deactivated).toBe(
        String(plan.candidates.length - doneByFirst.length)
      )
      expect(again.outputs.skipped).toBe(String(doneByFirst.length))
    }
  )

  it('finishes the plan after two kills in a row', async () => {
    const first = await approve(world, plan, limits, {
      killWhen: afterOutcomes('deactivated', 3)
    })
    const second = await approve(world, plan, limits, {
      killWhen: afterOutcomes('deactivated', 3)
    })
    expect([first.signal, second.signal]).toEqual(['SIGKILL', 'SIGKILL'])
    const third = await approve(world, plan, limits)
    await expectFinishedOnce(third)
  })

  it('closes the review issue only once the run that finishes is done', async () => {
    await approve(world, plan, limits, {
      killWhen: afterOutcomes('deactivated', 2)
    })
    const issue = world.github.issues[0]!
    expect(issue.state).toBe('open')
    const again = await approve(world, plan, limits)
    expect(again.exitCode).toBe(0)
    expect(issue.state).toBe('closed')
  })
})
