import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { decodeEntities } from '../support/html.ts'
import { startWorld, type World } from './world.ts'

interface PlanFile {
  planId: string
  candidates: Array<{ username: string }>
}

const APPROVE_LIMITS = {
  'max-deactivations': '500',
  'max-deactivation-percent': '100'
}

describe('report, review, approve and reactivate with dist/index.js', () => {
  let world: World
  let firstReport: ActionRun
  let secondReport: ActionRun
  let approval: ActionRun
  let plan: PlanFile
  let kept: string
  let approved: string[]
  const before = new Map<string, Record<string, unknown>>()
  const approvalRunId = 99001

  beforeAll(async () => {
    world = await startWorld()
    firstReport = await world.run()
    plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    kept = plan.candidates[0]!.username
    approved = plan.candidates.slice(1).map((c) => c.username)
    const issue = world.github.issues[0]!
    world.github.editIssue(issue.number, {
      body: issue.body!.replace(`- [x] \`${kept}\``, `- [ ] \`${kept}\``)
    })
    secondReport = await world.run()
    for (const [name, user] of world.reltio.users)
      before.set(name, structuredClone(user))
    approval = await world.run(
      { approve: 'true', 'plan-id': plan.planId, ...APPROVE_LIMITS },
      {
        eventName: 'workflow_dispatch',
        runId: approvalRunId,
        actor: 'octo-approver'
      }
    )
  })
  afterAll(() => world.close())

  it('keeps the reviewer untick across the next report run', () => {
    expect(firstReport.exitCode).toBe(0)
    expect(secondReport.exitCode).toBe(0)
    expect(secondReport.outputs['plan-id']).toBe(plan.planId)
    const body = world.github.issues[0]!.body ?? ''
    expect(body).toContain(`- [ ] \`${kept}\``)
    expect(body).toContain(`- [x] \`${approved[0]}\``)
  })

  it('deactivates exactly the users still ticked', () => {
    expect(approval.exitCode).toBe(0)
    expect(approval.outputs.deactivated).toBe(String(approved.length))
    const disabledNow = [...world.reltio.users.values()]
      .filter(
        (u) =>
          u.enabled === false &&
          before.get(u.username as string)?.enabled !== false
      )
      .map((u) => u.username)
      .sort()
    expect(disabledNow).toEqual([...approved].sort())
    expect(world.reltio.users.get(kept)?.enabled).not.toBe(false)
  })

  it('PUTs each user exactly as read except enabled', () => {
    const puts = world.reltio.requests.filter(
      (r) => r.method === 'PUT' && r.path.startsWith('/oauth/users/')
    )
    expect(puts).toHaveLength(approved.length)
    for (const put of puts) {
      const body = put.body as Record<string, unknown>
      const original = before.get(body.username as string)
      expect(body).toEqual({ ...original, enabled: false })
    }
  })

  it('comments on the review issue and closes it', () => {
    const issue = world.github.issues[0]!
    expect(issue.state).toBe('closed')
    const last = decodeEntities(issue.comments.at(-1)?.body ?? '')
    expect(last).toContain(approved[0])
    expect(last).toContain(String(approvalRunId))
  })

  it('writes results.json and a rollback.json without secrets', async () => {
    const results = JSON.parse(
      await readFile(join(world.reportDir, 'results.json'), 'utf8')
    )
    expect(JSON.stringify(results)).toContain(approved[0])
    const rollback = await readFile(
      join(world.reportDir, 'rollback.json'),
      'utf8'
    )
    expect(rollback).toContain(approved[0])
    expect(rollback).not.toContain(world.reltio.adminClient.clientSecret)
  })

  it('reactivates the users of the approval run from its rollback file', async () => {
    const run = await world.run(
      { reactivate: String(approvalRunId) },
      { eventName: 'workflow_dispatch', actor: 'octo-approver' }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs.reactivated).toBe(String(approved.length))
    for (const name of approved) {
      expect(world.reltio.users.get(name)).toEqual(before.get(name))
    }
  })
})
