/**
 * What an approval run leaves behind: results.json and rollback.json, the
 * job summary, an artifact for a later reactivation, and a comment on the
 * review issue, which is closed once every approved user is done.
 */
import * as core from '@actions/core'
import type { UserResult } from '../approval/deactivate.js'
import {
  buildResultsFile,
  buildRollbackFile,
  renderApprovalComment,
  renderApprovalSummary
} from '../approval/results.js'
import type { PolicyEnforcement } from '../approval/password-policy.js'
import type { selectApproved } from '../approval/select.js'
import type { Config } from '../config-types.js'
import type { PlanIssue } from '../github/issue-find.js'
import { writeJson } from '../report/files.js'
import type { ReltioStats } from '../reltio/types.js'
import type { Plan } from '../report/types.js'
import { runUrlOf, type RunContext } from '../run-context.js'
import { openIssuesApi, uploadFiles } from './github.js'
import {
  approvalArtifactPrefix,
  artifactNameFor,
  type RunOutcome
} from './outcome.js'

/** Where the approved plan came from. */
export interface ApprovalSource {
  plan: Plan
  reportRunId: number
  issue: PlanIssue | null
  issueItems: Array<{ username: string; ticked: boolean }> | null
}

export interface ApprovalRecord {
  config: Config
  context: RunContext
  source: ApprovalSource
  selection: ReturnType<typeof selectApproved>
  results: UserResult[]
  policy: PolicyEnforcement | null
  /** Why writing stopped before every user was tried, or null. */
  stopped: string | null
  /** The Reltio client's counters at the end of the writes. */
  reltioCalls?: ReltioStats | null
}

/** Writes the files, summary, artifact and issue comment of an approval. */
export async function publishApproval(
  record: ApprovalRecord
): Promise<RunOutcome> {
  const { config, context, source, results } = record
  const meta = {
    planId: source.plan.planId,
    customerId: source.plan.customerId,
    reportRunId: source.reportRunId,
    runId: context.runId,
    runUrl: runUrlOf(context),
    approver: context.actor,
    dryRun: config.dryRun,
    now: config.now,
    keptByReviewers: record.selection.keptByReviewers,
    missingFromIssue: record.selection.missingFromIssue,
    ignoredNotInPlan: record.selection.ignoredNotInPlan,
    passwordPolicy: record.policy,
    stopped: record.stopped,
    reltioCalls: record.reltioCalls ?? null
  }
  const files = [
    await writeJson(
      config.reportDir,
      'results.json',
      buildResultsFile(meta.planId, results, meta)
    ),
    await writeJson(
      config.reportDir,
      'rollback.json',
      buildRollbackFile(meta.planId, context.runId, results, {
        dryRun: config.dryRun
      })
    )
  ]
  const summary = renderApprovalSummary(results, meta)
  if (!config.dryRun) {
    const name = artifactNameFor(
      approvalArtifactPrefix(config.artifactName),
      meta.customerId,
      context.runAttempt
    )
    await uploadFiles(name, files, config.reportDir, config, context)
    if (source.issue)
      await reportOnIssue(source.issue.number, results, meta, config, context)
  }
  await core.summary.addRaw(summary).write()
  return {
    outputs: approvalOutputs(results, config),
    failure: failureOf(results)
  }
}

async function reportOnIssue(
  issueNumber: number,
  results: UserResult[],
  meta: Parameters<typeof renderApprovalComment>[1],
  config: Config,
  context: RunContext
): Promise<void> {
  const { commentOnIssue, closeIssue } = await import('../github/issue.js')
  const api = await openIssuesApi(config, context)
  await commentOnIssue(api, issueNumber, renderApprovalComment(results, meta))
  if (results.every((r) => r.outcome !== 'failed')) {
    await closeIssue(api, issueNumber, 'completed')
    core.info(`Closed review issue #${issueNumber}`)
  }
}

function approvalOutputs(
  results: UserResult[],
  config: Config
): Record<string, string | number> {
  const count = (...outcomes: UserResult['outcome'][]): number =>
    results.filter((r) => outcomes.includes(r.outcome)).length
  return {
    'plan-id': config.planId ?? '',
    deactivated: count('deactivated'),
    skipped: count('skipped', 'already-disabled'),
    failed: count('failed'),
    'report-dir': config.reportDir
  }
}

function failureOf(results: UserResult[]): string | null {
  const failed = results.filter((r) => r.outcome === 'failed')
  if (failed.length === 0) return null
  const names = failed
    .slice(0, 10)
    .map((r) => r.username)
    .join(', ')
  return `${failed.length} approved user(s) could not be deactivated: ${names}. See the summary table and results.json; run the approval again to retry them.`
}
