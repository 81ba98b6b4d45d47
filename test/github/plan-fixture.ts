import type { ClassifiedUser } from '../../src/inactivity/types.ts'
import type { Plan, PlanCandidate } from '../../src/report/types.ts'

/** A candidate with readable defaults; `overrides` changes any field. */
export function candidate(
  username: string,
  overrides: Partial<PlanCandidate> = {}
): PlanCandidate {
  return {
    username,
    email: `${username}@example.com`,
    lastLoginDate: '2026-01-02T08:30:00.000Z',
    daysInactive: 120,
    reason: 'no login for 120 days',
    pastReltioPolicy: false,
    evidence: 'lastLoginDate',
    ...overrides
  }
}

/** An excluded user, as the plan's `users` list holds it. */
export function excludedUser(username: string, rule: string): ClassifiedUser {
  return {
    username,
    email: null,
    bucket: 'excluded',
    reason: `excluded by ${rule}`,
    rule,
    lastLoginDate: null,
    daysInactive: null,
    daysLeft: null,
    pastReltioPolicy: false,
    deletionCandidate: false,
    evidence: 'none'
  }
}

/** A plan for customer AcmeCorp holding the given candidates. */
export function makePlan(
  candidates: Array<string | PlanCandidate>,
  overrides: Partial<Plan> = {}
): Plan {
  const list = candidates.map((c) => (typeof c === 'string' ? candidate(c) : c))
  return {
    schemaVersion: 1,
    planId: 'a1b2c3d4e5f60718',
    customerId: 'AcmeCorp',
    generatedAt: '2026-05-01T06:17:00.000Z',
    runId: '4242',
    repository: 'acme/ops',
    settings: {
      inactiveDays: 90,
      warnDays: 14,
      neverLoggedInDays: null,
      exclude: [],
      excludeRoles: ['ROLE_API'],
      excludeGroups: [],
      allowlist: [],
      activityCheck: false,
      auditCheck: false,
      passwordPolicy: 'report'
    },
    counts: {
      candidate: list.length,
      approaching: 0,
      'never-logged-in': 0,
      excluded: 0,
      disabled: 0,
      active: 10,
      unknown: 0,
      total: list.length + 10,
      enabled: list.length + 10
    },
    passwordPolicy: {
      inactivePeriodInDays: 120,
      mode: 'report',
      unavailable: null,
      proposedInactivePeriodInDays: null
    },
    candidates: list,
    approaching: [],
    users: [],
    expiredAllowlist: [],
    deletionCandidates: [],
    ...overrides
  }
}

/** The render context a report run in acme/ops would pass. */
export const RUN_CONTEXT = {
  runUrl: 'https://github.com/acme/ops/actions/runs/4242',
  runId: '4242',
  workflowFile: null,
  repository: 'acme/ops'
} as const

/** `count` usernames, user0000 … in order. */
export function usernames(count: number, prefix = 'user'): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefix}${String(i).padStart(4, '0')}`
  )
}
