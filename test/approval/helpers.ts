/** Small builders shared by the approval tests. */
import type { ApprovalMeta } from '../../src/approval/results.ts'
import type { InactivitySettings } from '../../src/inactivity/types.ts'
import type { RawReltioUser } from '../../src/reltio/types.ts'
import { plainUser } from '../../sim/reltio/plain-user.ts'
import type { Plan, PlanCandidate } from '../../src/report/types.ts'

export const NOW = new Date('2025-06-01T00:00:00.000Z')
export const DAY_MS = 24 * 60 * 60 * 1000

/** Epoch ms `days` whole days before NOW. */
export function daysAgo(days: number): number {
  return NOW.getTime() - days * DAY_MS
}

export function candidate(username: string): PlanCandidate {
  return {
    username,
    email: username,
    lastLoginDate: new Date(daysAgo(120)).toISOString(),
    daysInactive: 120,
    reason: 'no login for 120 days (threshold 90)',
    pastReltioPolicy: false,
    evidence: 'lastLoginDate'
  }
}

export function planWith(usernames: string[]): Plan {
  return {
    schemaVersion: 1,
    planId: '0123456789abcdef',
    customerId: 'AcmeCorp',
    generatedAt: NOW.toISOString(),
    runId: '100',
    repository: 'acme/ops',
    settings: {
      inactiveDays: 90,
      warnDays: 14,
      neverLoggedInDays: null,
      exclude: [],
      excludeRoles: [],
      excludeGroups: [],
      allowlist: [],
      activityCheck: false,
      auditCheck: false,
      passwordPolicy: 'report'
    },
    counts: {
      candidate: usernames.length,
      approaching: 0,
      'never-logged-in': 0,
      excluded: 0,
      disabled: 0,
      active: 0,
      unknown: 0,
      total: usernames.length,
      enabled: usernames.length
    },
    passwordPolicy: {
      inactivePeriodInDays: null,
      mode: 'report',
      unavailable: null,
      proposedInactivePeriodInDays: null
    },
    candidates: usernames.map(candidate),
    approaching: [],
    users: [],
    expiredAllowlist: [],
    deletionCandidates: []
  }
}

export function settings(
  overrides: Partial<InactivitySettings> = {}
): InactivitySettings {
  return {
    inactiveDays: 90,
    warnDays: 14,
    neverLoggedInDays: null,
    exclude: [],
    excludeRoles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_ADMIN_USER', 'ROLE_API'],
    excludeGroups: ['SERVICE_ACCOUNTS'],
    allowlist: [],
    selfIdentities: [],
    policyInactiveDays: null,
    ...overrides
  }
}

/** A full Reltio user object, idle for `idleDays`. */
export function reltioUser(
  username: string,
  idleDays: number,
  extra: Record<string, unknown> = {}
): RawReltioUser {
  return plainUser(username, {
    groups: ['SALES'],
    encrypted: true,
    passwordChangedDate: daysAgo(400),
    lastLoginDate: daysAgo(idleDays),
    ...extra
  }) as RawReltioUser
}

/** An approval run's record of itself: plan, approver, run and links. */
export function approvalMeta(
  overrides: Partial<ApprovalMeta> = {}
): ApprovalMeta {
  return {
    planId: '0123456789abcdef',
    customerId: 'AcmeCorp',
    runId: '200',
    runUrl: 'https://github.com/acme/ops/actions/runs/200',
    approver: 'alice',
    dryRun: false,
    now: NOW,
    ...overrides
  }
}
