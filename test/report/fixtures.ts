import type { ClassifiedUser } from '../../src/inactivity/types.ts'
import type { BuildPlanInput } from '../../src/report/plan.ts'
import type { PlanSettings } from '../../src/report/types.ts'

export const NOW = new Date('2025-06-01T12:00:00.000Z')

/** Settings as action.yml's defaults would give them. */
export function settingsOf(patch: Partial<PlanSettings> = {}): PlanSettings {
  return {
    inactiveDays: 90,
    warnDays: 14,
    neverLoggedInDays: null,
    exclude: ['svc-*'],
    excludeRoles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_API'],
    excludeGroups: ['SERVICE_ACCOUNTS'],
    allowlist: [
      {
        match: 'ceo@example.com',
        reason: 'logs in twice a year',
        owner: 'it@example.com',
        expires: null
      }
    ],
    activityCheck: false,
    auditCheck: false,
    passwordPolicy: 'report',
    ...patch
  }
}

/** A classified user; the bucket decides the defaults of the other fields. */
export function userOf(
  username: string,
  bucket: ClassifiedUser['bucket'],
  patch: Partial<ClassifiedUser> = {}
): ClassifiedUser {
  return {
    username,
    email: `${username}@example.com`,
    bucket,
    reason: `${bucket} because of the fixture`,
    rule: bucket === 'excluded' ? 'role ROLE_API' : null,
    lastLoginDate:
      bucket === 'never-logged-in' ? null : '2025-01-01T08:00:00.000Z',
    daysInactive: bucket === 'candidate' ? 151 : 10,
    daysLeft: bucket === 'approaching' ? 5 : null,
    pastReltioPolicy: false,
    deletionCandidate: false,
    evidence: 'lastLoginDate',
    ...patch
  }
}

/** A small customer with a user in every bucket. */
export function mixedUsers(): ClassifiedUser[] {
  return [
    userOf('carol', 'candidate', { pastReltioPolicy: true }),
    userOf('alice', 'candidate'),
    userOf('bob', 'approaching', { daysLeft: 9 }),
    userOf('anna', 'approaching', { daysLeft: 2 }),
    userOf('zed', 'approaching', { daysLeft: 2 }),
    userOf('svc-etl', 'excluded', { rule: 'pattern svc-*' }),
    userOf('newbie', 'never-logged-in'),
    userOf('gone', 'disabled', { deletionCandidate: true }),
    userOf('olddisabled', 'disabled'),
    userOf('dave', 'active'),
    userOf('time-traveller', 'unknown', { reason: 'last login after now' })
  ]
}

/** A full buildPlan input over `users`. */
export function planInputOf(
  users: ClassifiedUser[],
  patch: Partial<BuildPlanInput> = {}
): BuildPlanInput {
  return {
    customerId: 'AcmeCorp',
    now: NOW,
    runId: '1234',
    repository: 'acme/ops',
    settings: settingsOf(),
    users,
    expiredAllowlist: [],
    passwordPolicy: {
      inactivePeriodInDays: 120,
      mode: 'report',
      unavailable: null,
      proposedInactivePeriodInDays: null
    },
    ...patch
  }
}

/** `count` users spread over every bucket, cheap enough for 200,000. */
export function manyUsers(count: number): ClassifiedUser[] {
  const buckets: Array<ClassifiedUser['bucket']> = [
    'candidate',
    'approaching',
    'excluded',
    'unknown',
    'never-logged-in',
    'disabled',
    'active'
  ]
  return Array.from({ length: count }, (_, index) => {
    const bucket = buckets[index % buckets.length] ?? 'active'
    return userOf(`user${String(index).padStart(7, '0')}`, bucket, {
      deletionCandidate: bucket === 'disabled'
    })
  })
}
