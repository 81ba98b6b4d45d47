import { describe, expect, it } from 'vitest'
import { rollbackTargets } from '../../src/approval/reactivate.ts'
import {
  buildReactivationResultsFile,
  buildResultsFile,
  buildRollbackFile
} from '../../src/approval/results.ts'
import type { ReactivateResult, UserResult } from '../../src/approval/types.ts'
import { ApprovalError } from '../../src/errors.ts'
import { NOW, approvalMeta, reltioUser } from './helpers.ts'

const meta = approvalMeta({ reportRunId: 100 })

function result(
  username: string,
  outcome: UserResult['outcome'],
  reason: string,
  written = outcome === 'deactivated'
): UserResult {
  const before = reltioUser(username, 120)
  return { username, outcome, reason, before, written }
}

const RESULTS: UserResult[] = [
  result('a@x.com', 'deactivated', 'no login for 120 days'),
  result('b@x.com', 'skipped', 'not a candidate any more (active): ...'),
  result('c@x.com', 'already-disabled', 'already disabled'),
  result('d@x.com', 'failed', 'read back after the PUT, Reltio differs', true),
  result('e@x.com', 'failed', 'PUT failed: 500')
]

describe('buildResultsFile', () => {
  const file = buildResultsFile(meta.planId, RESULTS, meta)

  it('records who approved which plan, when, and whether it was a dry run', () => {
    expect(file).toMatchObject({
      kind: 'approval',
      planId: '0123456789abcdef',
      customerId: 'AcmeCorp',
      reportRunId: 100,
      runId: '200',
      approver: 'alice',
      dryRun: false,
      generatedAt: '2025-06-01T00:00:00.000Z'
    })
  })

  it('gives each user done, skipped with a reason or failed with an error', () => {
    expect(file.users).toEqual([
      {
        username: 'a@x.com',
        status: 'done',
        outcome: 'deactivated',
        reason: 'no login for 120 days'
      },
      expect.objectContaining({ username: 'b@x.com', status: 'skipped' }),
      expect.objectContaining({
        username: 'c@x.com',
        status: 'skipped',
        outcome: 'already-disabled'
      }),
      expect.objectContaining({
        username: 'd@x.com',
        status: 'failed',
        error: 'read back after the PUT, Reltio differs'
      }),
      expect.objectContaining({ username: 'e@x.com', status: 'failed' })
    ])
  })

  it('counts every outcome, zeros included', () => {
    expect(file.counts).toEqual({
      total: 5,
      deactivated: 1,
      'would-deactivate': 0,
      'already-disabled': 1,
      skipped: 1,
      failed: 2
    })
  })

  it('copies no user object into the file', () => {
    expect(JSON.stringify(file)).not.toContain('userPermissions')
  })
})

describe('buildReactivationResultsFile', () => {
  it('records the source and each user without the user object', () => {
    const results: ReactivateResult[] = [
      {
        username: 'a@x.com',
        outcome: 'reactivated',
        reason: 'enabled again',
        before: reltioUser('a@x.com', 1, { enabled: false }),
        written: true
      }
    ]
    const file = buildReactivationResultsFile(results, {
      source: { kind: 'run', runId: 200 },
      dryRun: false,
      now: NOW
    })
    expect(file.source).toEqual({ kind: 'run', runId: 200 })
    expect(file.counts).toMatchObject({ total: 1, reactivated: 1, failed: 0 })
    expect(file.users).toEqual([
      {
        username: 'a@x.com',
        status: 'done',
        outcome: 'reactivated',
        reason: 'enabled again'
      }
    ])
  })
})

describe('buildRollbackFile', () => {
  it('holds the users written, as they were before the write', () => {
    const file = buildRollbackFile(meta.planId, '200', RESULTS)
    expect(file.users.map((u) => u.username)).toEqual([
      'a@x.com',
      'c@x.com',
      'd@x.com'
    ])
    expect(file.users[0]?.before).toMatchObject({
      username: 'a@x.com',
      enabled: true,
      groups: ['SALES'],
      userPermissions: { roles: { ROLE_USER: ['acmeTenant'] } }
    })
    expect(file.undo).toBe('reactivate: 200')
  })

  it('marks approved users an interrupted earlier run disabled', () => {
    const file = buildRollbackFile(meta.planId, '200', RESULTS)
    const flagged = file.users.filter((u) => 'disabledEarlier' in u)
    expect(flagged.map((u) => u.username)).toEqual(['c@x.com'])
  })

  it('drops every field named like a secret, at any depth, and lists it', () => {
    const before = reltioUser('a@x.com', 120, {
      password: 'hunter2',
      externalTokens: [{ token: 'tok-999' }],
      userPermissions: { roles: {}, apiKey: 'k-123' },
      settings: [{ clientSecret: 's3cr3t', theme: 'dark' }]
    })
    const file = buildRollbackFile(meta.planId, '200', [
      {
        username: 'a@x.com',
        outcome: 'deactivated',
        reason: '',
        before,
        written: true
      }
    ])
    const text = JSON.stringify(file)
    for (const secret of ['hunter2', 'tok-999', 'k-123', 's3cr3t']) {
      expect(text).not.toContain(secret)
    }
    expect(file.users[0]?.before).toMatchObject({
      username: 'a@x.com',
      settings: [{ theme: 'dark' }]
    })
    expect(file.redactedFields).toEqual([
      'credentialsNonExpired',
      'externalTokens',
      'password',
      'passwordChangedDate',
      'settings[].clientSecret',
      'userPermissions.apiKey'
    ])
  })

  it('is empty for a dry run, which writes nobody', () => {
    const dry = RESULTS.map((r) => ({ ...r, written: false }))
    const file = buildRollbackFile(meta.planId, '200', dry, { dryRun: true })
    expect(file.users).toEqual([])
  })

  it('round-trips through rollbackTargets', () => {
    const file = JSON.parse(
      JSON.stringify(buildRollbackFile(meta.planId, '200', RESULTS))
    )
    expect(rollbackTargets(file)).toEqual([
      { username: 'a@x.com' },
      { username: 'c@x.com' },
      { username: 'd@x.com' }
    ])
  })
})

describe('rollbackTargets', () => {
  it('lists each username once', () => {
    const users = [{ username: 'a' }, { username: 'b' }, { username: 'a' }]
    expect(rollbackTargets({ users })).toEqual([
      { username: 'a' },
      { username: 'b' }
    ])
  })

  it.each([
    ['null', null],
    ['no users', { planId: 'x' }],
    ['a user without a username', { users: [{ email: 'a@x.com' }] }],
    ['an empty username', { users: [{ username: ' ' }] }]
  ])('refuses %s with an ApprovalError', (_name, value) => {
    expect(() => rollbackTargets(value)).toThrow(ApprovalError)
    expect(() => rollbackTargets(value)).toThrow(/not a rollback file/)
  })
})
