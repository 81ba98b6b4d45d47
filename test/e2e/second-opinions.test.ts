import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionRun } from '../../sim/runner.ts'
import { decodeEntities } from '../support/html.ts'
import { NOW, startWorld, type World } from './world.ts'

interface PlanUser {
  username: string
  bucket: string
  reason: string
  evidence: string
  evidenceAt?: string
}

interface PlanFile {
  planId: string
  candidates: Array<{ username: string }>
  users: PlanUser[]
}

const DAY_MS = 86_400_000
const INACTIVE_DAYS = 90
const SINCE_MS = Date.parse(NOW) - INACTIVE_DAYS * DAY_MS
const LOGINS = new Set(['LOGIN', 'LOGIN_SSO'])

async function readPlan(world: World): Promise<PlanFile> {
  return JSON.parse(await readFile(join(world.reportDir, 'plan.json'), 'utf8'))
}

/** The recorded requests to a path after the first `from` requests. */
function requestsTo(world: World, path: string, from = 0) {
  return world.reltio.requests.slice(from).filter((r) => r.path.endsWith(path))
}

describe('second opinions in a report run of dist/index.js', () => {
  let world: World
  let baseline: PlanFile
  let checked: PlanFile
  let run: ActionRun
  let baselineRun: ActionRun
  let requestsBefore: number
  let csv: string
  const checks = () => ({
    'activity-check': 'true',
    'tenant-url': world.reltio.tenantUrl,
    'audit-check': 'true'
  })

  beforeAll(async () => {
    // 700 users give more than one audit export's worth of candidates.
    world = await startWorld({
      seed: { count: 700, seed: 7, now: new Date(NOW) }
    })
    baselineRun = await world.run()
    baseline = await readPlan(world)
    // One export at a time, slow enough that an overlap would meet a 429.
    world.reltio.setSwitches({
      auditExportMaxConcurrent: 1,
      auditExportDelayMs: 20
    })
    requestsBefore = world.reltio.requests.length
    run = await world.run(checks())
    checked = await readPlan(world)
    csv = await readFile(join(world.reportDir, 'plan.csv'), 'utf8')
  })
  afterAll(() => world.close())

  const candidatesBefore = () => baseline.candidates.map((c) => c.username)
  const userIn = (plan: PlanFile, name: string) =>
    plan.users.find((u) => u.username === name) as PlanUser
  const entriesOf = (name: string) => ({
    activities: world.reltio.activities.filter((a) => a.user === name),
    events: world.reltio.auditEvents.filter((e) => e.username === name)
  })
  const hasRecentActivity = (name: string) =>
    entriesOf(name).activities.some((a) => a.timestamp >= SINCE_MS)
  const hasRecentLogin = (name: string) =>
    entriesOf(name).events.some(
      (e) => LOGINS.has(e.eventType) && e.timestamp >= SINCE_MS
    )

  it('spares exactly the candidates with recent activity or a recent login', () => {
    expect(run.exitCode).toBe(0)
    const expected = candidatesBefore().filter(
      (name) => hasRecentActivity(name) || hasRecentLogin(name)
    )
    const spared = checked.users.filter(
      (u) => u.evidence === 'activity-log' || u.evidence === 'audit-log'
    )
    expect(spared.map((u) => u.username).sort()).toEqual(expected.sort())
    expect(spared.length).toBeGreaterThan(10)
    expect(new Set(spared.map((u) => u.evidence))).toEqual(
      new Set(['activity-log', 'audit-log'])
    )
    for (const user of spared) {
      expect(user.bucket).toBe('active')
      expect(user.reason).toMatch(
        /^the (activity log|security audit log) shows use/
      )
      expect(user.reason).toContain(user.evidenceAt)
    }
    expect(checked.candidates).toHaveLength(
      baseline.candidates.length - spared.length
    )
  })

  it('keeps candidates with only old activity or only failed logins', () => {
    const onlyOld = candidatesBefore().filter((name) => {
      const { activities, events } = entriesOf(name)
      return (
        activities.length > 0 && !hasRecentActivity(name) && events.length === 0
      )
    })
    const onlyFailed = candidatesBefore().filter((name) => {
      const { activities, events } = entriesOf(name)
      return (
        activities.length === 0 &&
        events.length > 0 &&
        events.every((e) => e.eventType === 'LOGIN_FAILED')
      )
    })
    expect(onlyOld.length).toBeGreaterThan(0)
    expect(onlyFailed.length).toBeGreaterThan(0)
    for (const name of [...onlyOld, ...onlyFailed]) {
      expect(userIn(checked, name)).toMatchObject({
        bucket: 'candidate',
        evidence: 'lastLoginDate'
      })
    }
  })

  it('asks the activity log for one record since the threshold', () => {
    const searches = requestsTo(world, '/activities', requestsBefore)
    expect(searches.length).toBeGreaterThan(0)
    for (const search of searches) {
      expect(search.status).toBe(200)
      expect(search.query.max).toBe('1')
      expect(search.query.filter).toContain(`gte(timestamp,${SINCE_MS})`)
    }
    // Only the candidates the audit log left unsettled are searched.
    const byAudit = checked.users.filter((u) => u.evidence === 'audit-log')
    expect(searches).toHaveLength(candidatesBefore().length - byAudit.length)
  })

  it('exports the audit log in chunks, never two exports at once', () => {
    const exports = requestsTo(world, '/audit/export', requestsBefore)
    const sizes = exports.map(
      (r) => (r.body as { usernames: string[] }).usernames.length
    )
    expect(candidatesBefore().length).toBeGreaterThan(100)
    expect(sizes).toEqual([100, candidatesBefore().length - 100])
    expect(exports.map((r) => r.status)).toEqual([200, 200])
  })

  it('shows the spared users, their evidence and the checks in the summary', () => {
    const summary = decodeEntities(run.summary)
    expect(summary).toContain(
      'second opinions: activity log and security audit log'
    )
    expect(summary).toContain('## Spared by a second opinion')
    const spared = checked.users.filter((u) => u.evidenceAt !== undefined)
    for (const user of spared.slice(0, 10)) {
      const row = summary
        .split('\n')
        .find((line) => line.startsWith(`| ${user.username} |`))
      expect(row).toContain(user.evidenceAt?.slice(0, 10))
      expect(row).toMatch(/activity log|security audit log/)
    }
  })

  it('says in the review issue how many the checks spared', () => {
    const spared = checked.users.filter((u) => u.evidenceAt !== undefined)
    const issue = world.github.issues.find((i) => i.state === 'open')
    expect(issue?.body).toContain(
      `Second opinions (activity log and security audit log) spared ${spared.length} candidates`
    )
  })

  it('writes the evidence into plan.csv', () => {
    const header = csv.split('\r\n')[0]?.split(',') ?? []
    expect(header.at(-1)).toBe('evidence')
    const spared = checked.users.filter((u) => u.evidenceAt !== undefined)
    for (const user of spared) {
      const line = csv
        .split('\r\n')
        .find((l) => l.startsWith(`${user.username},`))
      expect(line?.endsWith(`,${user.evidence}`)).toBe(true)
    }
  })

  it('says in the summary and the issue when no second opinion ran', () => {
    expect(baselineRun.exitCode).toBe(0)
    expect(baselineRun.summary).toContain(
      'second opinions: none (activity-check and audit-check are off)'
    )
    expect(baseline.users.filter((u) => u.evidence === 'activity-log')).toEqual(
      []
    )
  })
})
