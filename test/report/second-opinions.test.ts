import { describe, expect, it } from 'vitest'
import { renderReviewIssue } from '../../src/github/issue-body.ts'
import { spareWithEvidence } from '../../src/inactivity/classify.ts'
import type { ClassifiedUser } from '../../src/inactivity/types.ts'
import { renderPlanCsv } from '../../src/report/csv.ts'
import { buildPlan, parsePlan } from '../../src/report/plan.ts'
import {
  describeChecks,
  isSparedByLog
} from '../../src/report/second-opinions.ts'
import { renderReportSummary } from '../../src/report/summary.ts'
import type { Plan } from '../../src/report/types.ts'
import { NOW, planInputOf, settingsOf, userOf } from './fixtures.ts'

const LINKS = {
  runUrl: null,
  issueUrl: null,
  artifactName: null,
  dryRun: false
}
const ISSUE = {
  runUrl: null,
  runId: '1234',
  workflowFile: null,
  repository: 'acme/ops',
  keep: new Set<string>()
}

function spared(
  name: string,
  source: 'activity-log' | 'audit-log',
  at: string
): ClassifiedUser {
  return spareWithEvidence(
    userOf(name, 'candidate'),
    { source, at: new Date(at) },
    NOW
  )
}

function planWith(
  users: ClassifiedUser[],
  checks: { activityCheck: boolean; auditCheck: boolean }
): Plan {
  return buildPlan(planInputOf(users, { settings: settingsOf(checks) }))
}

const BOTH = { activityCheck: true, auditCheck: true }
const OFF = { activityCheck: false, auditCheck: false }
const USERS = [
  userOf('carol', 'candidate'),
  spared('api-ann', 'activity-log', '2025-05-30T09:15:00.000Z'),
  spared('sso-bob', 'audit-log', '2025-05-21T18:00:00.000Z'),
  userOf('dave', 'active')
]

describe('describeChecks', () => {
  it.each([
    [BOTH, 'activity log and security audit log'],
    [{ activityCheck: true, auditCheck: false }, 'activity log'],
    [{ activityCheck: false, auditCheck: true }, 'security audit log'],
    [OFF, 'none (activity-check and audit-check are off)']
  ])('names the checks of %o', (settings, text) => {
    expect(describeChecks(settings)).toBe(text)
  })
})

describe('isSparedByLog', () => {
  it('is true only for users a log moved to active', () => {
    expect(USERS.filter(isSparedByLog).map((u) => u.username)).toEqual([
      'api-ann',
      'sso-bob'
    ])
  })
})

describe('a report with second opinions', () => {
  const plan = planWith(USERS, BOTH)

  it('names the checks on the settings line of the summary', () => {
    const summary = renderReportSummary(plan, LINKS)
    expect(summary).toMatch(
      /warn-days 14 · second opinions: activity log and security audit log\n/
    )
    expect(renderReportSummary(planWith(USERS, OFF), LINKS)).toContain(
      'second opinions: none (activity-check and audit-check are off)'
    )
  })

  it('lists the spared users with their evidence and its date', () => {
    const summary = renderReportSummary(plan, LINKS)
    const section = summary.slice(
      summary.indexOf('## Spared by a second opinion (2)')
    )
    expect(section).toContain(
      '| api-ann | api-ann&#64;example.com | 2025-01-01 | activity log | 2025-05-30 |'
    )
    expect(section).toContain(
      '| sso-bob | sso-bob&#64;example.com | 2025-01-01 | security audit log | 2025-05-21 |'
    )
    expect(section).not.toContain('| dave |')
  })

  it('says in the summary that no log was asked when the checks are off', () => {
    const summary = renderReportSummary(planWith([USERS[0]!], OFF), LINKS)
    expect(summary).toContain(
      '## Spared by a second opinion (0)\n\nNo log was asked: `activity-check` and `audit-check` are off.'
    )
  })

  it('says in one line of the review issue how many the checks spared', () => {
    const { body } = renderReviewIssue(plan, ISSUE)
    expect(body).toContain(
      '\nSecond opinions (activity log and security audit log) spared 2 candidates: recent use in a log moved them to active.\n'
    )
    const none = renderReviewIssue(planWith([USERS[0]!], BOTH), ISSUE).body
    expect(none).toContain(
      'Second opinions (activity log and security audit log) spared no candidate: none showed recent use.'
    )
    const off = renderReviewIssue(planWith([USERS[0]!], OFF), ISSUE).body
    expect(off).toContain(
      'Second opinions: none (`activity-check` and `audit-check` are off).'
    )
  })

  it('keeps the evidence and its time in plan.json and plan.csv', () => {
    const reread = parsePlan(JSON.parse(JSON.stringify(plan)))
    expect(reread.users.find((u) => u.username === 'api-ann')).toMatchObject({
      bucket: 'active',
      evidence: 'activity-log',
      evidenceAt: '2025-05-30T09:15:00.000Z'
    })
    const rows = renderPlanCsv(plan).split('\r\n')
    expect(rows.find((row) => row.startsWith('sso-bob,'))).toMatch(
      /^sso-bob,sso-bob@example\.com,active,"the security audit log shows use 10 days ago \(2025-05-21T18:00:00\.000Z\).*,audit-log$/
    )
  })
})
