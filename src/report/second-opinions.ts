/**
 * How a report speaks of its second opinions: which logs were asked, and
 * which users they kept active although the last login made them candidates.
 */
import type { ClassifiedUser } from '../inactivity/types.js'
import type { PlanSettings } from './types.js'

/** True for an active user whom a log, not the last login, kept active. */
export function isSparedByLog(user: ClassifiedUser): boolean {
  return (
    user.bucket === 'active' &&
    (user.evidence === 'activity-log' || user.evidence === 'audit-log')
  )
}

/** The logs asked, e.g. "activity log and security audit log", or null. */
export function namesOfChecks(
  settings: Pick<PlanSettings, 'activityCheck' | 'auditCheck'>
): string | null {
  const checks = [
    settings.activityCheck ? 'activity log' : null,
    settings.auditCheck ? 'security audit log' : null
  ].filter((check) => check !== null)
  return checks.length === 0 ? null : checks.join(' and ')
}

/** Which second opinions ran, for a settings line. */
export function describeChecks(
  settings: Pick<PlanSettings, 'activityCheck' | 'auditCheck'>
): string {
  return (
    namesOfChecks(settings) ?? 'none (activity-check and audit-check are off)'
  )
}

/** The name of a log as a reader knows it. */
export function describeEvidence(evidence: ClassifiedUser['evidence']): string {
  if (evidence === 'activity-log') return 'activity log'
  if (evidence === 'audit-log') return 'security audit log'
  return evidence
}
