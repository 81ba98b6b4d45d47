import { describe, expect, it } from 'vitest'
import {
  renderApprovalComment,
  renderApprovalSummary,
  renderReactivationSummary
} from '../../src/approval/results.ts'
import type { ReactivateResult, UserResult } from '../../src/approval/types.ts'
import { approvalMeta } from './helpers.ts'

const meta = approvalMeta()

function result(
  username: string,
  outcome: UserResult['outcome'],
  reason: string
): UserResult {
  const written = outcome === 'deactivated'
  return { username, outcome, reason, before: null, written }
}

const RESULTS = [
  result('a@x.com', 'deactivated', 'no login for 120 days'),
  result(
    'b@x.com',
    'skipped',
    'not a candidate any more (active): last login 2 days ago'
  ),
  result(
    'c@x.com',
    'already-disabled',
    'already disabled — by an earlier run of this plan or by hand'
  ),
  result('d@x.com', 'failed', 'PUT failed: 500')
]

describe('renderApprovalSummary', () => {
  const text = renderApprovalSummary(RESULTS, meta)

  it('shows a row per user with its outcome and reason, failures first', () => {
    const rows = text
      .split('\n')
      .filter((line) => line.includes('&#64;x.com |'))
    expect(rows).toEqual([
      '| d&#64;x.com | **failed** | PUT failed: 500 |',
      '| b&#64;x.com | skipped | not a candidate any more (active): last login 2 days ago |',
      '| c&#64;x.com | already disabled | already disabled — by an earlier run of this plan or by hand |',
      '| a&#64;x.com | deactivated | no login for 120 days |'
    ])
  })

  it('counts the outcomes and names the plan, customer and approver', () => {
    expect(text).toContain(
      '4 user(s) — failed: 1, skipped: 1, already disabled: 1, deactivated: 1.'
    )
    expect(text).toContain('Plan 0123456789abcdef · customer AcmeCorp')
    expect(text).toContain('approved by alice')
  })

  it('says how to undo with the run id', () => {
    expect(text).toContain('`reactivate: 200`')
    expect(text).toContain('the 1 user(s) written here')
  })

  it('says what a dry run would do, and offers no undo', () => {
    const dry = renderApprovalSummary(
      [result('a@x.com', 'would-deactivate', 'no login for 120 days')],
      { ...meta, dryRun: true }
    )
    expect(dry).toContain('approval (dry run)')
    expect(dry).toContain('| a&#64;x.com | would deactivate |')
    expect(dry).toMatch(/Dry run: nothing was written to Reltio/)
    expect(dry).not.toContain('reactivate:')
  })

  it('escapes record text so a username cannot add markup', () => {
    const hostile = renderApprovalSummary(
      [result('<img src=x>|@team', 'skipped', '**bold** [x](javascript:1)')],
      meta
    )
    expect(hostile).not.toContain('<img')
    expect(hostile).not.toContain('@team')
    expect(hostile).not.toContain('**bold**')
    expect(hostile).toContain('&#60;img src=x&#62;&#124;&#64;team')
  })

  it('lists the users the issue kept, left out or added', () => {
    const withIssue = renderApprovalSummary(RESULTS, {
      ...meta,
      keptByReviewers: ['k@x.com'],
      missingFromIssue: ['m@x.com'],
      ignoredNotInPlan: ['intruder@x.com']
    })
    expect(withIssue).toContain('Kept by reviewers (unticked) (1): k&#64;x.com')
    expect(withIssue).toContain('Not listed in the issue, so not approved (1)')
    expect(withIssue).toContain('Issue items not in the plan, ignored (1)')
  })

  it('says the run stopped early, and why', () => {
    const stopped = renderApprovalSummary(RESULTS, {
      ...meta,
      stopped: 'Reltio answered 403'
    })
    expect(stopped).toContain('> The run stopped early: Reltio answered 403')
  })

  it('reports the password policy change', () => {
    const policy = renderApprovalSummary([], {
      ...meta,
      passwordPolicy: {
        before: 180,
        after: 90,
        changed: true,
        wouldChange: true
      }
    })
    expect(policy).toContain('inactivePeriodInDays set from 180 to 90')
    expect(policy).toContain('No users to act on.')
  })

  it('stays under GitHub’s 1 MiB summary limit for any number of users', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      result(
        `user-${i}-${'x'.repeat(150)}@x.com`,
        'deactivated',
        'r'.repeat(200)
      )
    )
    const big = renderApprovalSummary(many, meta)
    expect(Buffer.byteLength(big)).toBeLessThan(1_000_000)
    expect(big).toMatch(/\d+ more user\(s\) are in results\.json\./)
  })
})

describe('renderApprovalComment', () => {
  it('lists each user by outcome and says how to undo', () => {
    const text = renderApprovalComment(RESULTS, meta)
    expect(text).toContain(
      '[run 200](https://github.com/acme/ops/actions/runs/200)'
    )
    expect(text).toContain('Failed:\n- d&#64;x.com: PUT failed: 500')
    expect(text).toContain('Spared by the re-check (not a failure):')
    expect(text).toContain('- c&#64;x.com: already disabled')
    expect(text).toContain('`reactivate: 200`')
    expect(text).toContain('Deactivated:\n- a&#64;x.com')
  })

  it('stays under GitHub’s comment limit', () => {
    const many = Array.from({ length: 5_000 }, (_, i) =>
      result(`u${i}@x.com`, 'failed', 'e'.repeat(200))
    )
    const text = renderApprovalComment(many, meta)
    expect(text.length).toBeLessThan(65_536)
    expect(text).toContain('… and 4970 more, in results.json')
  })
})

describe('renderReactivationSummary', () => {
  it('shows each user and where the list came from', () => {
    const results: ReactivateResult[] = [
      {
        username: 'a@x.com',
        outcome: 'reactivated',
        reason: 'enabled again',
        before: null,
        written: true
      },
      {
        username: 'b@x.com',
        outcome: 'already-enabled',
        reason: 'already enabled',
        before: null,
        written: false
      }
    ]
    const text = renderReactivationSummary(results, {
      source: { kind: 'run', runId: 200 },
      dryRun: false
    })
    expect(text).toContain('## Reltio inactive users: reactivation')
    expect(text).toContain('users of approval run 200')
    expect(text).toContain('| a&#64;x.com | reactivated | enabled again |')
    expect(text).toContain('2 user(s) — already enabled: 1, reactivated: 1.')
  })
})
