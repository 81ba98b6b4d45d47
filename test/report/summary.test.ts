import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../src/report/plan.ts'
import {
  renderReportSummary,
  type ReportLinks
} from '../../src/report/summary.ts'
import { SUMMARY_MAX_BYTES } from '../../src/report/summary-tables.ts'
import type { Plan } from '../../src/report/types.ts'
import { manyUsers, mixedUsers, planInputOf, userOf } from './fixtures.ts'

const LINKS: ReportLinks = {
  runUrl: 'https://github.com/acme/ops/actions/runs/1234',
  issueUrl: 'https://github.com/acme/ops/issues/7',
  artifactName: 'reltio-inactive-users-AcmeCorp-1',
  dryRun: false
}

function summaryOf(plan: Plan, links: Partial<ReportLinks> = {}): string {
  return renderReportSummary(plan, { ...LINKS, ...links })
}

const plan = buildPlan(
  planInputOf(mixedUsers(), {
    expiredAllowlist: [
      {
        match: 'old@example.com',
        reason: 'left',
        owner: 'it',
        expires: '2024-12-31'
      }
    ]
  })
)

describe('renderReportSummary', () => {
  const summary = summaryOf(plan)

  it('titles the report with the customer and shows the plan id', () => {
    expect(summary).toMatch(/^# Reltio inactive users: AcmeCorp\n/)
    expect(summary).toContain(`Plan id: \`${plan.planId}\``)
    expect(summary).toContain(
      '[Report run](https://github.com/acme/ops/actions/runs/1234)'
    )
    expect(summary).toContain(
      '[Review issue](https://github.com/acme/ops/issues/7)'
    )
  })

  it('tables the count of every bucket', () => {
    expect(summary).toContain('| candidate | 2 |')
    expect(summary).toContain('| approaching | 3 |')
    expect(summary).toContain('| total | 11 |')
    expect(summary).toContain('| enabled | 9 |')
  })

  it('sets the customer policy beside inactive-days and flags past policy', () => {
    expect(summary).toContain(
      "Reltio's `inactivePeriodInDays`: **120 days**; this action's `inactive-days`: **90 days**."
    )
    expect(summary).toContain("1 of 2 candidates are past Reltio's own policy")
    expect(summary).toMatch(
      /\| carol \| carol&#64;example\.com \| 2025-01-01 \| 151 \| .* \| past policy \|/
    )
  })

  it('says what enforce would set', () => {
    const enforce = buildPlan(
      planInputOf(mixedUsers(), {
        passwordPolicy: {
          inactivePeriodInDays: 120,
          mode: 'enforce',
          unavailable: null,
          proposedInactivePeriodInDays: 90
        }
      })
    )
    expect(summaryOf(enforce)).toContain(
      'an approval run would set `inactivePeriodInDays` to **90 days** (now 120 days)'
    )
  })

  it('explains an unreadable policy', () => {
    const unread = buildPlan(
      planInputOf(mixedUsers(), {
        passwordPolicy: {
          inactivePeriodInDays: null,
          mode: 'report',
          unavailable: 'no customer-id input',
          proposedInactivePeriodInDays: null
        }
      })
    )
    expect(summaryOf(unread)).toContain(
      'Could not be read: no customer-id input'
    )
  })

  it('shows every section with its rows', () => {
    expect(summary).toContain('## Candidates (2)')
    expect(summary).toMatch(/\| anna \| .* \| 2 \|\n\| zed \|/)
    expect(summary).toContain('| svc-etl | pattern svc-&#42; |')
    expect(summary).toContain('| time-traveller | last login after now |')
    expect(summary).toContain('## Never logged in (1)')
    expect(summary).toContain(
      '| old&#64;example.com | left | it | 2024-12-31 |'
    )
    expect(summary).toContain('## Deletion candidates (1)')
    expect(summary).toContain('delete them by hand in the Reltio Console')
  })

  it('tells how to approve with the plan id', () => {
    expect(summary).toContain(
      `\`approve: true\` and \`plan-id: ${plan.planId}\``
    )
    expect(summary).toContain('The review issue holds the full instructions.')
  })

  it('says when there is nothing to approve', () => {
    const none = buildPlan(planInputOf([userOf('dave', 'active')]))
    expect(summaryOf(none)).toContain('Nothing to approve')
    expect(summaryOf(none)).toContain('## Candidates (0)\n\nEnabled users')
  })

  it('marks a dry run', () => {
    expect(summaryOf(plan, { dryRun: true })).toContain('**Dry run:**')
    expect(summary).not.toContain('Dry run')
  })

  it('folds long tables into details', () => {
    const users = Array.from({ length: 30 }, (_, i) =>
      userOf(`c${i}`, 'candidate')
    )
    const long = summaryOf(buildPlan(planInputOf(users)))
    expect(long).toContain('<details><summary>Show 30 candidates</summary>')
    expect(summary).not.toContain('<details>')
  })

  it('escapes hostile record text everywhere it appears', () => {
    const hostile = [
      userOf('<script>alert(1)</script>', 'candidate', {
        email: 'x|y@evil.example',
        reason: 'no login\n| injected | row |'
      }),
      userOf('`rm -rf`', 'excluded', { rule: '<img src=x onerror=alert(1)>' }),
      userOf('a|b\nc', 'unknown', { reason: '[click](javascript:alert(1))' })
    ]
    const text = summaryOf(
      buildPlan(planInputOf(hostile, { customerId: '<b>Acme</b>' })),
      { artifactName: '`x`', issueUrl: 'javascript:alert(1)' }
    )
    expect(text).not.toMatch(/<script|<img|<b>|`rm|\]\(javascript:/)
    expect(text).not.toContain('[Review issue]')
    expect(text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(text).toContain(
      '| a&#124;b c | &#91;click&#93;(javascript:alert(1)) |'
    )
    expect(text).toContain('no login &#124; injected &#124; row &#124;')
    expect(text).toContain(
      '# Reltio inactive users: &#60;b&#62;Acme&#60;/b&#62;'
    )
  })

  it('keeps every table row on one line with a matching cell count', () => {
    const hostile = [userOf('a|b\nc\r\n|d', 'candidate', { reason: '|\n|\r|' })]
    const text = summaryOf(buildPlan(planInputOf(hostile)))
    const row = text.split('\n').find((line) => line.startsWith('| a&#124;'))
    expect(row?.split('|')).toHaveLength(8)
  })
})

describe('renderReportSummary with a huge customer', () => {
  it('stays under the cap with 200,000 users and says what it left out', () => {
    const big = buildPlan(planInputOf(manyUsers(200_000)))
    const text = summaryOf(big)
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES)
    expect(Buffer.byteLength(text)).toBeGreaterThan(SUMMARY_MAX_BYTES * 0.9)
    const notice = /\*\*Shortened:\*\* ([\d,]+) table rows are not shown/.exec(
      text
    )
    expect(notice).not.toBeNull()
    const shownRows = text
      .split('\n')
      .filter((line) => /^\| user\d{7} /.test(line))
    // Every bucket but `active` is listed; all disabled users of the
    // fixture are deletion candidates.
    const listed = big.counts.total - big.counts.active
    expect(Number(notice?.[1]?.replaceAll(',', ''))).toBe(
      listed - shownRows.length
    )
    expect(text).toContain('`plan.json` and `plan.csv` hold every user')
    expect(text).toContain('## How to approve')
  })

  it('stays under the cap when every cell is long and hostile', () => {
    const name = (i: number): string => `${i}${'|<`😀'.repeat(400)}`
    const users = Array.from({ length: 20_000 }, (_, i) =>
      userOf(name(i), i % 2 ? 'candidate' : 'unknown', {
        email: name(i),
        reason: name(i)
      })
    )
    const text = summaryOf(
      buildPlan(planInputOf(users, { customerId: name(0) })),
      { artifactName: name(1) }
    )
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES)
    expect(text).toMatch(/\*\*[\d,]+ more rows are not shown\*\*/)
  })
})
