import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { NOW, reltioWrites, startWorld, type World } from './world.ts'

interface ResultEntry {
  username: string
  outcome: string
  reason: string
}

const DAY_MS = 86_400_000
const APPROVE_LIMITS = {
  'max-deactivations': '500',
  'max-deactivation-percent': '100'
}
const DISPATCH = { eventName: 'workflow_dispatch', actor: 'octo-approver' }

describe('an approval run of dist/index.js re-checking the logs', () => {
  let world: World
  let planId: string
  let approved: string[]
  let worker: string
  let visitor: string
  let withoutTenant: ActionRun
  let writesWithoutTenant: number
  let approval: ActionRun
  let approvalFrom: number
  let results: ResultEntry[]
  const checks = () => ({
    'activity-check': 'true',
    'tenant-url': world.reltio.tenantUrl,
    'audit-check': 'true'
  })

  beforeAll(async () => {
    world = await startWorld()
    await world.run(checks())
    const plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    planId = plan.planId
    approved = plan.candidates.map((c: { username: string }) => c.username)
    ;[worker, visitor] = approved as [string, string]

    // Between the report and the approval: one candidate changes data
    // through the API, another logs in by SSO (neither updates lastLoginDate).
    const now = Date.parse(NOW)
    world.reltio.activities.push({
      uri: 'activities/after-the-report',
      user: worker,
      label: 'ENTITY_CHANGED',
      description: 'Entity changed',
      timestamp: now - DAY_MS,
      items: []
    })
    world.reltio.auditEvents.push({
      timestamp: now - 2 * DAY_MS,
      username: visitor,
      customerId: world.reltio.customerId,
      eventType: 'LOGIN_SSO',
      ip: '10.1.2.3',
      userAgent: 'Mozilla/5.0'
    })
    world.reltio.setSwitches({
      auditExportMaxConcurrent: 1,
      auditExportDelayMs: 20
    })

    const approve = { approve: 'true', 'plan-id': planId, ...APPROVE_LIMITS }
    withoutTenant = await world.run(
      { ...checks(), ...approve, 'tenant-url': '', 'activity-check': 'false' },
      DISPATCH
    )
    writesWithoutTenant = reltioWrites(world.reltio).length
    approvalFrom = world.reltio.requests.length
    approval = await world.run({ ...checks(), ...approve }, DISPATCH)
    results = JSON.parse(
      await readFile(join(world.reportDir, 'results.json'), 'utf8')
    ).users
  })
  afterAll(() => world.close())

  it('refuses before any write when the plan needs tenant-url and it is empty', () => {
    expect(withoutTenant.exitCode).not.toBe(0)
    expect(withoutTenant.stdout + withoutTenant.stderr).toContain(
      'needs tenant-url'
    )
    expect(writesWithoutTenant).toBe(0)
  })

  it('skips the candidate with new activity, with the reason', () => {
    expect(approval.exitCode).toBe(0)
    expect(results.find((r) => r.username === worker)).toEqual(
      expect.objectContaining({
        outcome: 'skipped',
        reason: `spared by the re-check: the activity log shows use on ${new Date(Date.parse(NOW) - DAY_MS).toISOString()}`
      })
    )
    expect(world.reltio.users.get(worker)?.enabled).toBe(true)
  })

  it('skips the candidate with a new SSO login, with the reason', () => {
    expect(results.find((r) => r.username === visitor)).toEqual(
      expect.objectContaining({
        outcome: 'skipped',
        reason: `spared by the re-check: the security audit log shows use on ${new Date(Date.parse(NOW) - 2 * DAY_MS).toISOString()}`
      })
    )
    expect(world.reltio.users.get(visitor)?.enabled).toBe(true)
  })

  it('deactivates every other approved user', () => {
    const others = approved.filter((n) => n !== worker && n !== visitor)
    expect(approval.outputs.skipped).toBe('2')
    expect(approval.outputs.deactivated).toBe(String(others.length))
    for (const name of others) {
      expect(world.reltio.users.get(name)?.enabled).toBe(false)
    }
  })

  it('re-checks every approved user in both logs, one export at a time', () => {
    const requests = world.reltio.requests.slice(approvalFrom)
    const exports = requests.filter((r) => r.path === '/audit/export')
    expect(exports.map((r) => r.status)).toEqual(exports.map(() => 200))
    const exported = exports.flatMap(
      (r) => (r.body as { usernames: string[] }).usernames
    )
    expect(exported.sort()).toEqual([...approved].sort())
    // The audit log settled the visitor: everyone else is searched.
    const searched = requests.filter((r) => r.path.endsWith('/activities'))
    expect(searched).toHaveLength(approved.length - 1)
    for (const search of searched) expect(search.query.max).toBe('1')
  })
})
