import { describe, expect, it } from 'vitest'
import { buildPlan, computePlanId, parsePlan } from '../../src/report/plan.ts'
import { mixedUsers, planInputOf, settingsOf, userOf } from './fixtures.ts'

function idOf(users = mixedUsers(), settings = settingsOf()): string {
  return buildPlan(planInputOf(users, { settings })).planId
}

describe('computePlanId', () => {
  it('is 16 lowercase hex digits', () => {
    expect(idOf()).toMatch(/^[0-9a-f]{16}$/)
  })

  it('gives the same id for the same users and settings', () => {
    expect(idOf()).toBe(idOf())
  })

  it('ignores the order of users and of every settings list', () => {
    const shuffled = [...mixedUsers()].reverse()
    const settings = settingsOf({
      exclude: ['b*', 'a*'],
      excludeRoles: ['ROLE_API', 'ROLE_ADMIN_CUSTOMER']
    })
    const sorted = settingsOf({
      exclude: ['a*', 'b*'],
      excludeRoles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_API']
    })
    expect(idOf(shuffled, settings)).toBe(idOf(mixedUsers(), sorted))
  })

  it('ignores warn-days, the clock, the run and the policy mode', () => {
    const base = buildPlan(planInputOf(mixedUsers()))
    const other = buildPlan(
      planInputOf(mixedUsers(), {
        settings: settingsOf({ warnDays: 30, passwordPolicy: 'enforce' }),
        now: new Date('2030-01-01T00:00:00Z'),
        runId: '99',
        repository: 'other/repo'
      })
    )
    expect(other.planId).toBe(base.planId)
  })

  it('ignores the reason, owner and expiry of allowlist entries', () => {
    const entry = {
      match: 'ceo@example.com',
      reason: 'x',
      owner: 'y',
      expires: '2030-01-01'
    }
    expect(idOf(mixedUsers(), settingsOf({ allowlist: [entry] }))).toBe(idOf())
  })

  it.each([
    ['inactive-days', { inactiveDays: 91 }],
    ['never-logged-in-days', { neverLoggedInDays: 30 }],
    ['exclude', { exclude: ['svc-*', 'bot-*'] }],
    ['exclude-roles', { excludeRoles: ['ROLE_API'] }],
    ['exclude-groups', { excludeGroups: [] }],
    ['allowlist matches', { allowlist: [] }],
    ['activity-check', { activityCheck: true }],
    ['audit-check', { auditCheck: true }]
  ])('changes when %s changes', (_name, patch) => {
    expect(idOf(mixedUsers(), settingsOf(patch))).not.toBe(idOf())
  })

  it('changes when the candidate set changes', () => {
    const more = [...mixedUsers(), userOf('erin', 'candidate')]
    const fewer = mixedUsers().filter((user) => user.username !== 'alice')
    expect(idOf(more)).not.toBe(idOf())
    expect(idOf(fewer)).not.toBe(idOf())
  })

  it('changes with the customer', () => {
    const candidates = ['alice', 'carol']
    expect(computePlanId('AcmeCorp', settingsOf(), candidates)).not.toBe(
      computePlanId('OtherCorp', settingsOf(), candidates)
    )
  })

  it('does not change when a non-candidate moves between buckets', () => {
    const moved = mixedUsers().map((user) =>
      user.username === 'dave' ? userOf('dave', 'approaching') : user
    )
    expect(idOf(moved)).toBe(idOf())
  })
})

describe('buildPlan', () => {
  const plan = buildPlan(planInputOf(mixedUsers()))

  it('counts every bucket, the total and the enabled users', () => {
    expect(plan.counts).toEqual({
      candidate: 2,
      approaching: 3,
      'never-logged-in': 1,
      excluded: 1,
      disabled: 2,
      active: 1,
      unknown: 1,
      total: 11,
      enabled: 9
    })
  })

  it('lists candidates by username with their policy flag', () => {
    expect(
      plan.candidates.map((c) => [c.username, c.pastReltioPolicy])
    ).toEqual([
      ['alice', false],
      ['carol', true]
    ])
  })

  it('orders approaching users by days left, then username', () => {
    expect(plan.approaching.map((u) => `${u.daysLeft}:${u.username}`)).toEqual([
      '2:anna',
      '2:zed',
      '9:bob'
    ])
  })

  it('sorts all users by username and lists deletion candidates', () => {
    const names = plan.users.map((user) => user.username)
    expect(names).toEqual([...names].sort())
    expect(plan.deletionCandidates).toEqual(['gone'])
  })

  it('records the run, the clock and the settings', () => {
    expect(plan).toMatchObject({
      schemaVersion: 1,
      customerId: 'AcmeCorp',
      generatedAt: '2025-06-01T12:00:00.000Z',
      runId: '1234',
      repository: 'acme/ops',
      settings: settingsOf()
    })
  })
})

describe('parsePlan', () => {
  function planJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify(buildPlan(planInputOf(mixedUsers()))))
  }

  it('reads back a plan written as JSON', () => {
    const plan = buildPlan(planInputOf(mixedUsers()))
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan)
  })

  it('refuses a plan whose candidates were edited', () => {
    const json = planJson()
    const candidates = json.candidates as Array<Record<string, unknown>>
    candidates.push({ ...candidates[0], username: 'mallory' })
    expect(() => parsePlan(json)).toThrow(
      /id [0-9a-f]{16} does not match its content/
    )
  })

  it('refuses a plan whose deciding settings were edited', () => {
    const json = planJson()
    ;(json.settings as Record<string, unknown>).inactiveDays = 1
    expect(() => parsePlan(json)).toThrow(/does not match its content/)
  })

  it('refuses a plan whose users disagree with its candidates', () => {
    const json = planJson()
    const users = json.users as Array<Record<string, unknown>>
    const dave = users.find((user) => user.username === 'dave')
    if (dave) dave.bucket = 'candidate'
    expect(() => parsePlan(json)).toThrow(
      /user 'dave' is a candidate in one list/
    )
  })

  it('names the bad field of a malformed plan', () => {
    const json = planJson()
    json.planId = 'not-hex'
    delete json.users
    expect(() => parsePlan(json)).toThrow(
      /planId: a plan id is 16 hex digits.*users/
    )
  })

  it('refuses something that is not a plan at all', () => {
    expect(() => parsePlan(null)).toThrow(/not a valid plan/)
    expect(() => parsePlan({ ...planJson(), schemaVersion: 2 })).toThrow(
      /schemaVersion/
    )
  })
})
