import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Config } from '../../src/config-types.ts'
import {
  classifyUser,
  classifyUsers,
  settingsFromConfig,
  spareWithEvidence
} from '../../src/inactivity/classify.ts'
import { BUCKETS } from '../../src/inactivity/types.ts'
import type { InactivitySettings } from '../../src/inactivity/types.ts'
import type { ReltioUser } from '../../src/reltio/schemas.ts'

const DAY = 86_400_000
const NOW = new Date('2025-06-01T00:00:00.000Z')
const ago = (ms: number): number => NOW.getTime() - ms

function user(overrides: Partial<ReltioUser> = {}): ReltioUser {
  return {
    username: 'jdoe',
    email: 'jdoe@acme.example',
    enabled: true,
    groups: [],
    userPermissions: { roles: { ROLE_USER: ['tenant1'] } },
    ...overrides
  }
}

function settings(
  overrides: Partial<InactivitySettings> = {}
): InactivitySettings {
  return {
    inactiveDays: 90,
    warnDays: 14,
    neverLoggedInDays: null,
    exclude: [],
    excludeRoles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_ADMIN_TENANT', 'ROLE_API'],
    excludeGroups: ['SERVICE_ACCOUNTS'],
    allowlist: [],
    selfIdentities: ['svc-action@acme.example'],
    policyInactiveDays: null,
    ...overrides
  }
}

const classify = (
  overrides: Partial<ReltioUser>,
  with_: Partial<InactivitySettings> = {}
) => classifyUser(user(overrides), NOW, settings(with_))

describe('classifyUser', () => {
  it.each([
    ['exactly inactive-days ago', ago(90 * DAY), 'candidate', 90, null],
    [
      '1 ms more than inactive-days ago',
      ago(90 * DAY + 1),
      'candidate',
      90,
      null
    ],
    [
      '1 ms less than inactive-days ago',
      ago(90 * DAY - 1),
      'approaching',
      89,
      1
    ],
    ['exactly at the warn window start', ago(76 * DAY), 'approaching', 76, 14],
    ['1 ms before the warn window', ago(76 * DAY - 1), 'active', 75, null],
    ['1 ms inside the warn window', ago(76 * DAY + 1), 'approaching', 76, 14],
    ['exactly now', NOW.getTime(), 'active', 0, null],
    ['a year ago', ago(365 * DAY), 'candidate', 365, null]
  ])(
    'puts a last login %s in the right bucket',
    (_, lastLoginDate, bucket, daysInactive, daysLeft) => {
      const result = classify({ lastLoginDate })
      expect(result).toMatchObject({ bucket, daysInactive, daysLeft })
      expect(result.lastLoginDate).toBe(new Date(lastLoginDate).toISOString())
      expect(result.evidence).toBe('lastLoginDate')
    }
  )

  it.each([
    ['an ISO string', '2025-03-03T00:00:00Z', 'candidate'],
    ['an ISO string with an offset', '2025-03-03T02:00:00+02:00', 'candidate'],
    [
      'an ISO string without a zone (UTC)',
      '2025-03-03T00:00:01',
      'approaching'
    ],
    ['a numeric string', String(ago(90 * DAY)), 'candidate'],
    ['a future epoch', NOW.getTime() + 1, 'unknown'],
    ['a future ISO string', '2025-06-01T00:00:00.001Z', 'unknown'],
    ['text that is no date', 'last Tuesday', 'unknown'],
    ['an impossible day', '2025-02-30T00:00:00Z', 'unknown'],
    ['epoch 0', 0, 'unknown'],
    ['epoch seconds instead of ms', 1_700_000_000, 'unknown'],
    ['null', null, 'never-logged-in'],
    ['absence', undefined, 'never-logged-in']
  ])('reads a last login given as %s', (_, lastLoginDate, bucket) => {
    expect(classify({ lastLoginDate }).bucket).toBe(bucket)
  })

  it('names the reason for an unknown date and keeps it out of lastLoginDate', () => {
    const result = classify({ lastLoginDate: NOW.getTime() + DAY })
    expect(result.reason).toMatch(/after now/)
    expect(result).toMatchObject({ lastLoginDate: null, evidence: 'none' })
  })

  it('writes readable reasons', () => {
    expect(classify({ lastLoginDate: ago(120 * DAY) }).reason).toBe(
      'no login for 120 days (threshold 90)'
    )
    expect(classify({ lastLoginDate: ago(80 * DAY) }).reason).toBe(
      'no login for 80 days; a candidate in 10 days (threshold 90)'
    )
    expect(classify({ lastLoginDate: ago(3 * DAY) }).reason).toBe(
      'last login 3 days ago (threshold 90)'
    )
  })

  it('has no approaching bucket when warn-days is 0', () => {
    const result = classify(
      { lastLoginDate: ago(90 * DAY - 1) },
      { warnDays: 0 }
    )
    expect(result.bucket).toBe('active')
  })

  it.each([
    ['not set', null, ago(1000 * DAY), 'never-logged-in', /not set/],
    [
      'met exactly',
      180,
      ago(180 * DAY),
      'candidate',
      /account at least 180 days old/
    ],
    [
      'missed by 1 ms',
      180,
      ago(180 * DAY - 1),
      'never-logged-in',
      /under never-logged-in-days 180/
    ],
    [
      'set, with no date on record',
      180,
      undefined,
      'never-logged-in',
      /no date on record/
    ]
  ])(
    'handles never-logged-in-days %s',
    (_, neverLoggedInDays, passwordChangedDate, bucket, reason) => {
      const result = classify(
        { lastLoginDate: null, passwordChangedDate },
        { neverLoggedInDays }
      )
      expect(result).toMatchObject({
        bucket,
        evidence: 'none',
        daysInactive: null
      })
      expect(result.reason).toMatch(/^never logged in/)
      expect(result.reason).toMatch(reason)
    }
  )

  it('ages a never-logged-in account by its oldest date on record', () => {
    const result = classify(
      { passwordChangedDate: ago(10 * DAY), createdDate: ago(200 * DAY) },
      { neverLoggedInDays: 180 }
    )
    expect(result.bucket).toBe('candidate')
    expect(result.reason).toMatch(/createdDate 2024-11-13/)
  })

  it.each([
    ['excluded by role', { userPermissions: { roles: { ROLE_API: [] } } }],
    ['excluded by group', { groups: ['SERVICE_ACCOUNTS'] }],
    ['its own identity', { username: 'svc-action@acme.example' }]
  ])('files a disabled user %s as disabled', (_, overrides) => {
    const result = classify({ ...overrides, enabled: false })
    expect(result).toMatchObject({ bucket: 'disabled', rule: null })
  })

  it.each([
    ['long ago', ago(90 * DAY), true],
    ['recently', ago(89 * DAY), false],
    ['never', null, false]
  ])('marks a disabled user last seen %s for deletion: %s', (_, at, marked) => {
    const result = classify({ enabled: false, lastLoginDate: at })
    expect(result.deletionCandidate).toBe(marked)
    expect(result.reason).toMatch(/^disabled in Reltio/)
  })

  it('excludes whatever the dates say, even a date after now', () => {
    const roles = { userPermissions: { roles: { ROLE_ADMIN_TENANT_acme: [] } } }
    for (const lastLoginDate of [ago(400 * DAY), NOW.getTime() + DAY, null]) {
      const result = classify({ ...roles, lastLoginDate })
      expect(result).toMatchObject({
        bucket: 'excluded',
        rule: 'role ROLE_ADMIN_TENANT (as ROLE_ADMIN_TENANT_acme)',
        evidence: 'none'
      })
    }
  })

  it('excludes its own identity by email, in any letter case', () => {
    const result = classify({
      username: 'robot',
      email: 'SVC-Action@Acme.example',
      lastLoginDate: ago(400 * DAY)
    })
    expect(result).toMatchObject({
      bucket: 'excluded',
      rule: "the action's own identity"
    })
  })

  it('counts a user without an enabled field as enabled', () => {
    const result = classify({
      enabled: undefined,
      lastLoginDate: ago(91 * DAY)
    })
    expect(result.bucket).toBe('candidate')
  })

  it.each([
    [60, 90, true],
    [90, 90, true],
    [120, 90, false],
    [null, 90, false]
  ])(
    'marks pastReltioPolicy with policy %s days at %s days idle: %s',
    (policyInactiveDays, idle, marked) => {
      const result = classify(
        { lastLoginDate: ago(idle * DAY) },
        { policyInactiveDays }
      )
      expect(result.pastReltioPolicy).toBe(marked)
    }
  )

  it('never marks an approaching user as past the policy', () => {
    const result = classify(
      { lastLoginDate: ago(80 * DAY) },
      { policyInactiveDays: 30 }
    )
    expect(result).toMatchObject({
      bucket: 'approaching',
      pastReltioPolicy: false
    })
  })
})

describe('classifyUsers', () => {
  const entry = (expires: string | null) => ({
    match: 'ceo@acme.example',
    reason: 'logs in twice a year',
    owner: 'it-security',
    expires
  })
  const ceo = user({
    username: 'ceo',
    email: 'ceo@acme.example',
    lastLoginDate: ago(200 * DAY)
  })

  it('sorts users by username in code-unit order', () => {
    const names = ['b', 'B', 'a', 'ä', '_x']
    const { users } = classifyUsers(
      names.map((username) => user({ username, lastLoginDate: ago(DAY) })),
      NOW,
      settings()
    )
    expect(users.map((u) => u.username)).toEqual(['B', '_x', 'a', 'b', 'ä'])
  })

  it('applies an allowlist entry through its expiry day', () => {
    const { users, expiredAllowlist } = classifyUsers(
      [ceo],
      new Date('2025-06-01T23:59:59.999Z'),
      settings({ allowlist: [entry('2025-06-01')] })
    )
    expect(users[0]).toMatchObject({
      bucket: 'excluded',
      rule: 'allowlist: ceo@acme.example (owner it-security: logs in twice a year)'
    })
    expect(expiredAllowlist).toEqual([])
  })

  it('stops applying an allowlist entry the day after it expires and reports it', () => {
    const expired = entry('2025-05-31')
    const { users, expiredAllowlist } = classifyUsers(
      [ceo],
      NOW,
      settings({ allowlist: [expired] })
    )
    expect(users[0]?.bucket).toBe('candidate')
    expect(expiredAllowlist).toEqual([expired])
  })
})

describe('spareWithEvidence', () => {
  const candidate = classify({ lastLoginDate: ago(120 * DAY) })

  it.each([
    ['activity-log', /activity log/],
    ['audit-log', /security audit log/]
  ] as const)('moves a candidate to active on %s evidence', (source, log) => {
    const at = new Date(ago(3 * DAY))
    const spared = spareWithEvidence(candidate, { source, at }, NOW)
    expect(spared).toMatchObject({
      bucket: 'active',
      evidence: source,
      pastReltioPolicy: false,
      lastLoginDate: candidate.lastLoginDate
    })
    expect(spared.reason).toMatch(log)
    expect(spared.reason).toMatch(/3 days ago \(2025-05-29T00:00:00.000Z\)/)
    expect(spared.reason).toMatch(/no login for 120 days/)
  })

  it('returns any other bucket unchanged', () => {
    const excluded = classify({ groups: ['SERVICE_ACCOUNTS'] })
    const evidence = { source: 'audit-log' as const, at: NOW }
    expect(spareWithEvidence(excluded, evidence, NOW)).toBe(excluded)
  })
})

describe('settingsFromConfig', () => {
  it('adds the username and client id to the identities never proposed', () => {
    const config = {
      inactiveDays: 30,
      warnDays: 7,
      neverLoggedInDays: 60,
      exclude: ['svc-*'],
      excludeRoles: ['ROLE_API'],
      excludeGroups: [],
      allowlist: [],
      username: 'robot@acme.example',
      clientId: 'client-1'
    } as unknown as Config
    const result = settingsFromConfig(config, ['client-1'], 45)
    expect(result).toEqual({
      inactiveDays: 30,
      warnDays: 7,
      neverLoggedInDays: 60,
      exclude: ['svc-*'],
      excludeRoles: ['ROLE_API'],
      excludeGroups: [],
      allowlist: [],
      selfIdentities: ['client-1', 'robot@acme.example'],
      policyInactiveDays: 45
    })
  })
})

describe('classification as a whole', () => {
  const dateArb = fc.oneof(
    fc.integer({ min: ago(400 * DAY), max: NOW.getTime() + 5 * DAY }),
    fc.constantFrom(null, undefined, 'garbage', '2025-01-01T00:00:00Z', 0)
  )
  const userArb = fc.record({
    username: fc.string({ minLength: 1, maxLength: 6 }),
    email: fc.option(fc.emailAddress(), { nil: undefined }),
    enabled: fc.constantFrom(true, false, undefined),
    groups: fc.subarray(['SERVICE_ACCOUNTS', 'SALES']),
    userPermissions: fc.record({
      roles: fc.dictionary(
        fc.constantFrom(
          'ROLE_USER',
          'ROLE_API',
          'ROLE_APIX',
          'ROLE_ADMIN_TENANT_t'
        ),
        fc.constant<string[]>([])
      )
    }),
    lastLoginDate: dateArb,
    passwordChangedDate: dateArb
  })
  const settingsArb = fc.record({
    inactiveDays: fc.integer({ min: 1, max: 365 }),
    warnDays: fc.integer({ min: 0, max: 60 }),
    neverLoggedInDays: fc.option(fc.integer({ min: 1, max: 365 }))
  })

  it('puts every user in exactly one bucket that fits its data', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(userArb, { selector: (u) => u.username }),
        settingsArb,
        (users, partial) => {
          const chosen = settings(partial)
          const result = classifyUsers(users as ReltioUser[], NOW, chosen)
          expect(result.users).toHaveLength(users.length)
          for (const classified of result.users) {
            expect(BUCKETS).toContain(classified.bucket)
            const source = users.find((u) => u.username === classified.username)
            expect(classified.bucket === 'disabled').toBe(
              source?.enabled === false
            )
            if (classified.bucket === 'approaching') {
              expect(classified.daysLeft).toBeGreaterThanOrEqual(1)
              expect(classified.daysLeft).toBeLessThanOrEqual(chosen.warnDays)
            }
            if (
              classified.bucket === 'candidate' &&
              classified.daysInactive !== null
            ) {
              expect(classified.daysInactive).toBeGreaterThanOrEqual(
                chosen.inactiveDays
              )
            }
            expect(classified.rule !== null).toBe(
              classified.bucket === 'excluded'
            )
          }
        }
      )
    )
  })

  it('gives classifyUser the same answer as classifyUsers', () => {
    fc.assert(
      fc.property(userArb, settingsArb, (one, partial) => {
        const chosen = settings(partial)
        const [fromList] = classifyUsers([one as ReltioUser], NOW, chosen).users
        expect(classifyUser(one as ReltioUser, NOW, chosen)).toEqual(fromList)
      })
    )
  })
})
