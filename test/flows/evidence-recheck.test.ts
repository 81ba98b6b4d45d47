import { describe, expect, it } from 'vitest'
import { describeSignOfLife } from '../../src/flows/evidence.ts'
import { createEvidenceRecheck } from '../../src/flows/evidence-recheck.ts'
import {
  NOW,
  activityOf,
  daysAgo,
  eventOf,
  exportedNames,
  requestsTo,
  evidenceWorldPerTest,
  type EvidenceWorld
} from './evidence-world.ts'

const BOTH = {
  activityCheck: true,
  auditCheck: true,
  customerId: 'AcmeCorp',
  now: NOW,
  inactiveDays: 90
}

const start = evidenceWorldPerTest()
let world: EvidenceWorld

describe('createEvidenceRecheck', () => {
  it('finds a login in the audit log, then activity in the activity log', async () => {
    world = await start({
      activities: [activityOf('api', 6)],
      auditEvents: [eventOf('ann', 'LOGIN_SSO', 2)]
    })
    const recheck = createEvidenceRecheck(world.client, BOTH)
    expect(await recheck('ann')).toEqual({
      source: 'audit-log',
      at: new Date(daysAgo(2))
    })
    expect(await recheck('api')).toEqual({
      source: 'activity-log',
      at: new Date(daysAgo(6))
    })
    expect(await recheck('idle')).toBeNull()
    // 'ann' was settled by the audit log: no activity search for her.
    expect(requestsTo(world.sim, '/activities')).toHaveLength(2)
  })

  it('shares exports between users re-checked at once, one export at a time', async () => {
    world = await start({
      auditEvents: [eventOf('user-3', 'LOGIN', 1)],
      switches: { auditExportMaxConcurrent: 1, auditExportDelayMs: 5 }
    })
    const recheck = createEvidenceRecheck(world.client, {
      ...BOTH,
      activityCheck: false
    })
    const names = Array.from({ length: 6 }, (_, i) => `user-${i}`)
    const signs = await Promise.all(names.map((name) => recheck(name)))
    expect(signs.map((sign) => sign?.source ?? null)).toEqual([
      null,
      null,
      null,
      'audit-log',
      null,
      null
    ])
    // The first user starts an export; the five who arrive meanwhile
    // share the next one.
    expect(exportedNames(world.sim)).toEqual([
      ['user-0'],
      ['user-1', 'user-2', 'user-3', 'user-4', 'user-5']
    ])
    const statuses = requestsTo(world.sim, '/audit/export').map((r) => r.status)
    expect(statuses).toEqual([200, 200])
  })

  it('fails every user of a batch whose export fails', async () => {
    world = await start({ client: { maxRetries: 0 } })
    world.sim.scriptFault({ path: '/audit/export', status: 400 })
    const recheck = createEvidenceRecheck(world.client, BOTH)
    await expect(recheck('ann')).rejects.toThrow(/400/)
    // The next batch asks again rather than reusing the failure.
    expect(await recheck('bob')).toBeNull()
  })

  it('asks only the activity log when the audit check is off', async () => {
    world = await start({ activities: [activityOf('ann', 1)] })
    const recheck = createEvidenceRecheck(world.client, {
      ...BOTH,
      auditCheck: false
    })
    expect((await recheck('ann'))?.source).toBe('activity-log')
    expect(requestsTo(world.sim, '/audit/export')).toEqual([])
  })
})

describe('describeSignOfLife', () => {
  it('names the log and the time of use', () => {
    const at = new Date('2026-02-20T10:00:00.000Z')
    expect(describeSignOfLife({ source: 'audit-log', at })).toBe(
      'the security audit log shows use on 2026-02-20T10:00:00.000Z'
    )
    expect(describeSignOfLife({ source: 'activity-log', at })).toBe(
      'the activity log shows use on 2026-02-20T10:00:00.000Z'
    )
  })
})
