import { setImmediate as setImmediatePromise } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import {
  AUDIT_CHUNK_SIZE,
  RECORD_CAP,
  gatherEvidence,
  type EvidenceOptions
} from '../../src/flows/evidence.ts'
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

const BOTH: EvidenceOptions = {
  activityCheck: true,
  auditCheck: true,
  customerId: 'AcmeCorp',
  now: NOW,
  inactiveDays: 90,
  concurrency: 4
}
const ACTIVITY_ONLY = { ...BOTH, auditCheck: false }
const AUDIT_ONLY = { ...BOTH, activityCheck: false }

/** Resolves once the simulator runs no audit export. */
async function exportsDone(sim: EvidenceWorld['sim']): Promise<void> {
  while (sim.exportsRunning > 0) await setImmediatePromise()
}

const start = evidenceWorldPerTest()
let world: EvidenceWorld

describe('gatherEvidence with the activity log', () => {
  it('spares users with activity in the window, dated by the record', async () => {
    world = await start({
      activities: [activityOf('ann', 3), activityOf('old', 91)]
    })
    const found = await gatherEvidence(
      world.client,
      ['ann', 'old', 'none'],
      ACTIVITY_ONLY
    )
    expect([...found.keys()]).toEqual(['ann'])
    expect(found.get('ann')).toEqual({
      source: 'activity-log',
      at: new Date(daysAgo(3))
    })
  })

  it('asks for one record per candidate, bounded by the threshold', async () => {
    world = await start({ activities: [activityOf('ann', 3)] })
    await gatherEvidence(world.client, ['ann', 'bob'], ACTIVITY_ONLY)
    const searches = requestsTo(world.sim, '/activities')
    expect(searches).toHaveLength(2)
    for (const search of searches) {
      expect(search.query.max).toBe('1')
      expect(search.query.filter).toContain(`gte(timestamp,${daysAgo(90)})`)
    }
  })

  it('finds activity older than the default four months when the window is longer', async () => {
    // 150 days is past Reltio's default window: only the bound reaches it.
    world = await start({ activities: [activityOf('ann', 150)] })
    const found = await gatherEvidence(world.client, ['ann'], {
      ...ACTIVITY_ONLY,
      inactiveDays: 180
    })
    expect(found.get('ann')?.at).toEqual(new Date(daysAgo(150)))
  })

  it('reads the actor under userId as well as user', async () => {
    world = await start({
      activities: [activityOf('ann', 3)],
      switches: { activityActorKey: 'userId' }
    })
    const found = await gatherEvidence(world.client, ['ann'], ACTIVITY_ONLY)
    expect(found.get('ann')?.source).toBe('activity-log')
    const served = requestsTo(world.sim, '/activities')[0]
    expect(served?.status).toBe(200)
  })

  it('matches the actor without case and keys the answer by the name asked', async () => {
    world = await start({ activities: [activityOf('Ann', 3)] })
    const found = await gatherEvidence(world.client, ['ann'], ACTIVITY_ONLY)
    expect([...found.keys()]).toEqual(['ann'])
  })

  it('keeps at most `concurrency` searches in flight', async () => {
    // The simulator answers 503 to a request beyond maxInFlight.
    world = await start({
      switches: { maxInFlight: 2, latencyMs: 5 },
      client: { concurrency: 16 }
    })
    const names = Array.from({ length: 12 }, (_, i) => `user-${i}`)
    await gatherEvidence(world.client, names, {
      ...ACTIVITY_ONLY,
      concurrency: 2
    })
    const searches = requestsTo(world.sim, '/activities')
    expect(searches).toHaveLength(12)
    expect(searches.filter((r) => r.status !== 200)).toEqual([])
  })

  it('stops starting searches after one fails, and throws', async () => {
    world = await start({ client: { maxRetries: 0 } })
    world.sim.scriptFault({ path: /\/activities$/, status: 400 })
    const names = Array.from({ length: 20 }, (_, i) => `user-${i}`)
    await expect(
      gatherEvidence(world.client, names, { ...ACTIVITY_ONLY, concurrency: 1 })
    ).rejects.toThrow(/400/)
    expect(requestsTo(world.sim, '/activities')).toHaveLength(1)
  })
})

describe('gatherEvidence with the security audit log', () => {
  it('spares LOGIN and LOGIN_SSO users, not LOGIN_FAILED ones', async () => {
    world = await start({
      auditEvents: [
        eventOf('ann', 'LOGIN', 10),
        eventOf('ann', 'LOGIN', 4),
        eventOf('sso', 'LOGIN_SSO', 7),
        eventOf('failed', 'LOGIN_FAILED', 2),
        eventOf('old', 'LOGIN', 95)
      ]
    })
    const found = await gatherEvidence(
      world.client,
      ['ann', 'sso', 'failed', 'old'],
      AUDIT_ONLY
    )
    expect(Object.fromEntries(found)).toEqual({
      ann: { source: 'audit-log', at: new Date(daysAgo(4)) },
      sso: { source: 'audit-log', at: new Date(daysAgo(7)) }
    })
  })

  it('asks for the login events over the window as JSON', async () => {
    world = await start({})
    await gatherEvidence(world.client, ['ann'], AUDIT_ONLY)
    const [request] = requestsTo(world.sim, '/audit/export')
    expect(request?.body).toEqual({
      customerId: 'AcmeCorp',
      usernames: ['ann'],
      events: ['LOGIN', 'LOGIN_SSO'],
      startTimestamp: daysAgo(90) / 1000,
      endTimestamp: NOW.getTime() / 1000,
      format: 'json'
    })
  })

  it('exports in chunks of 100 usernames, one export at a time', async () => {
    // With one export allowed at a time, an overlap would answer 429.
    world = await start({
      auditEvents: [eventOf('user-249', 'LOGIN', 1)],
      switches: { auditExportMaxConcurrent: 1, auditExportDelayMs: 5 }
    })
    const names = Array.from({ length: 250 }, (_, i) => `user-${i}`)
    const found = await gatherEvidence(world.client, names, AUDIT_ONLY)
    expect([...found.keys()]).toEqual(['user-249'])
    const exports = requestsTo(world.sim, '/audit/export')
    expect(exports.map((r) => r.status)).toEqual([200, 200, 200])
    expect(exportedNames(world.sim).map((chunk) => chunk.length)).toEqual([
      AUDIT_CHUNK_SIZE,
      AUDIT_CHUNK_SIZE,
      50
    ])
    expect(exportedNames(world.sim).flat()).toEqual(names)
  })

  it('waits out a 429 for too many synchronous exports', async () => {
    world = await start({
      auditEvents: [eventOf('ann', 'LOGIN', 1)],
      switches: { auditExportMaxConcurrent: 1, auditExportDelayMs: 200 },
      // The retry waits until the running export is done, not for a time.
      client: (sim) => ({ sleep: () => exportsDone(sim) })
    })
    // Two runs at once: the second export meets the first and gets 429.
    const [first, second] = await Promise.all([
      gatherEvidence(world.client, ['ann'], AUDIT_ONLY),
      gatherEvidence(world.client, ['ann'], AUDIT_ONLY)
    ])
    expect(first.get('ann')?.source).toBe('audit-log')
    expect(second.get('ann')?.source).toBe('audit-log')
    const statuses = requestsTo(world.sim, '/audit/export').map((r) => r.status)
    expect(statuses).toContain(429)
    expect(statuses.filter((s) => s === 200)).toHaveLength(2)
  })

  it('asks again, in halves, for users a capped export may have cut', async () => {
    const flood = Array.from({ length: RECORD_CAP }, (_, i) => ({
      ...eventOf('busy', 'LOGIN', 30),
      timestamp: daysAgo(30) + i
    }))
    world = await start({
      auditEvents: [...flood, eventOf('quiet', 'LOGIN', 2)]
    })
    const found = await gatherEvidence(
      world.client,
      ['busy', 'quiet', 'idle'],
      AUDIT_ONLY
    )
    expect([...found.keys()].sort()).toEqual(['busy', 'quiet'])
    expect(exportedNames(world.sim)).toEqual([
      ['busy', 'quiet', 'idle'],
      ['idle']
    ])
  })
})

describe('gatherEvidence with both checks', () => {
  it('searches the activity log only for users the audit log did not spare', async () => {
    world = await start({
      activities: [activityOf('api', 5), activityOf('ann', 1)],
      auditEvents: [eventOf('ann', 'LOGIN', 3)]
    })
    const found = await gatherEvidence(
      world.client,
      ['ann', 'api', 'idle'],
      BOTH
    )
    expect(found.get('ann')?.source).toBe('audit-log')
    expect(found.get('api')?.source).toBe('activity-log')
    expect(found.has('idle')).toBe(false)
    const searched = requestsTo(world.sim, '/activities').map(
      (r) => r.query.filter
    )
    expect(searched).toHaveLength(2)
    expect(searched.join(' ')).not.toContain("'ann'")
  })

  it('asks nothing when there is no candidate', async () => {
    world = await start({})
    expect((await gatherEvidence(world.client, [], BOTH)).size).toBe(0)
    expect(world.sim.requests.filter((r) => r.path !== '/oauth/token')).toEqual(
      []
    )
  })
})
