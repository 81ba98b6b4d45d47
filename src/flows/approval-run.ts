/**
 * The approval run (PRODUCT.md flow step 3): deactivates exactly the users
 * a person approved. Every check that can refuse runs before the first write.
 */
import * as core from '@actions/core'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkApprover } from '../approval/approver.js'
import { deactivateApproved, type UserResult } from '../approval/deactivate.js'
import { checkGuards } from '../approval/guards.js'
import { WritesForbiddenError } from '../approval/write.js'
import { enforcePasswordPolicy } from '../approval/password-policy.js'
import { selectApproved } from '../approval/select.js'
import type { Config } from '../config-types.js'
import type { PlanIssue } from '../github/issue-find.js'
import { ApprovalError, ConfigError } from '../errors.js'
import { settingsFromConfig } from '../inactivity/classify.js'
import { phase } from '../log.js'
import { formatCount } from '../report/summary-tables.js'
import type { ReltioApi } from '../reltio/types.js'
import { parsePlan } from '../report/plan.js'
import type { Plan } from '../report/types.js'
import type { RunContext } from '../run-context.js'
import { describeSignOfLife } from './evidence.js'
import { createEvidenceRecheck } from './evidence-recheck.js'
import { downloadRunFiles, openIssuesApi } from './github.js'
import { artifactPrefixFor, type RunOutcome } from './outcome.js'
import { watchCancellation } from './cancellation.js'
import { connectReltio } from './reltio.js'
import { publishApproval, type ApprovalSource } from './approval-publish.js'

/** Runs an approval of `plan-id`: check, guard, deactivate, report. */
export async function runApproval(
  config: Config,
  context: RunContext
): Promise<RunOutcome> {
  const planId = config.planId as string
  const source = await phase(
    'Find the approved plan',
    () => findApprovedPlan(planId, config, context),
    (found) => `Plan ${planId} from report run ${found.plan.runId ?? 'unknown'}`
  )
  checkApprover(context.actor ?? '', config.approvers)
  const reltio = await phase(
    'Connect to Reltio',
    () => connectReltio(config),
    (api) => `Connected to Reltio as ${api.identity}`
  )
  const selection = selectApproved(source.plan, source.issueItems)
  await checkGuardsAgainstReltio(reltio, selection.approved, config)
  const record = { config, context, source, selection, policy: null }
  const { results, stopped } = await deactivateUntilStopped(
    reltio,
    source.plan,
    selection.approved,
    config
  )
  const policy = stopped
    ? null
    : await enforcePolicyIfAsked(reltio, source.plan, config)
  const outcome = await publishApproval({
    ...record,
    results,
    policy,
    stopped,
    reltioCalls: reltio.stats()
  })
  return stopped ? { ...outcome, failure: stopped } : outcome
}

/**
 * Deactivates the approved users until done, refused (a 403 stops every
 * write) or cancelled; either way every user gets a result to record.
 */
async function deactivateUntilStopped(
  reltio: ReltioApi,
  plan: Plan,
  approved: Plan['candidates'],
  config: Config
): Promise<{ results: UserResult[]; stopped: string | null }> {
  const cancellation = watchCancellation()
  try {
    const results = await phase(
      config.dryRun
        ? 'Re-check the approved users (dry run)'
        : 'Deactivate the approved users',
      () => deactivate(reltio, plan, approved, config, cancellation.signal),
      describeResults
    )
    const stopped = cancellation.signal.aborted
      ? 'The run was cancelled: users not yet begun were left as they were. Run the approval again to finish them; users already done are skipped.'
      : null
    return { results, stopped }
  } catch (error) {
    if (!(error instanceof WritesForbiddenError)) throw error
    return { results: error.results as UserResult[], stopped: error.message }
  } finally {
    cancellation.dispose()
  }
}

async function findApprovedPlan(
  planId: string,
  config: Config,
  context: RunContext
): Promise<ApprovalSource> {
  const issue = config.issue
    ? await findIssueForPlan(planId, config, context)
    : null
  const reportRunId = issue ? Number(issue.runId) : Number(context.runId)
  if (!Number.isSafeInteger(reportRunId) || reportRunId <= 0) {
    throw new ApprovalError(
      `The review issue for plan-id ${planId} names no report run. Run a new report.`
    )
  }
  // The report artifact is named after the customer the issue is about.
  const customerId = issue?.marker.customerId ?? config.customerId
  const dir = await downloadRunFiles(
    reportRunId,
    artifactPrefixFor(config.artifactName, customerId),
    await mkdtemp(join(tmpdir(), 'reltio-plan-')),
    config,
    context
  )
  const plan = parsePlan(
    JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'))
  )
  if (plan.planId !== planId) {
    throw new ApprovalError(
      `The artifact of report run ${reportRunId} holds plan ${plan.planId}, not the plan-id ${planId} being approved. Quote the plan-id from the review issue.`
    )
  }
  return { plan, reportRunId, issue, issueItems: issue ? issue.items : null }
}

async function findIssueForPlan(
  planId: string,
  config: Config,
  context: RunContext
): Promise<PlanIssue> {
  const { findIssueByPlanId } = await import('../github/issue.js')
  const api = await openIssuesApi(config, context)
  const found = await findIssueByPlanId(api, {
    labels: config.issueLabels,
    planId,
    now: config.now,
    customerId: config.customerId ?? undefined
  })
  if (!found.issue) {
    const current = found.currentPlanId
      ? ` The current plan is ${found.currentPlanId} (issue #${found.currentIssueNumber}).`
      : ' No open review issue was found.'
    throw new ApprovalError(
      `No review issue carries plan-id ${planId}, so it is not the current plan.${current} Approve the current plan-id, or run a new report.`
    )
  }
  return found.issue
}

async function checkGuardsAgainstReltio(
  reltio: ReltioApi,
  approved: Plan['candidates'],
  config: Config
): Promise<void> {
  // The guards compare against the users Reltio lists now, not at report time.
  const users = await phase(
    'Apply the guards',
    () => reltio.listUsers(),
    (list) => `Listed ${formatCount(list.length)} users for the guards`
  )
  // A run again after an interruption finds the users it already did
  // disabled: they will not be written, and counting them against fewer
  // enabled users would refuse the very run that finishes the plan.
  const disabled = new Set(
    users.filter((user) => user.enabled === false).map((user) => user.username)
  )
  checkGuards({
    approvedCount: approved.filter((c) => !disabled.has(c.username)).length,
    enabledCount: users.filter((user) => user.enabled !== false).length,
    maxDeactivations: config.maxDeactivations,
    maxDeactivationPercent: config.maxDeactivationPercent
  })
}

async function deactivate(
  reltio: ReltioApi,
  plan: Plan,
  approved: Plan['candidates'],
  config: Config,
  signal: AbortSignal
): Promise<UserResult[]> {
  // Re-check with the plan's own settings: the approval is of that plan.
  const settings = settingsFromConfig(
    { ...config, ...plan.settings, allowlist: plan.settings.allowlist },
    [reltio.identity],
    plan.passwordPolicy.inactivePeriodInDays
  )
  return deactivateApproved(reltio, approved, {
    now: config.now,
    settings,
    concurrency: config.concurrency,
    dryRun: config.dryRun,
    recheck: secondOpinionRecheck(reltio, plan, config),
    signal,
    onResult: (result) =>
      core.info(
        `${result.username}: ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`
      )
  })
}

function secondOpinionRecheck(
  reltio: ReltioApi,
  plan: Plan,
  config: Config
): ((user: { username: string }) => Promise<string | null>) | undefined {
  const { activityCheck, auditCheck, inactiveDays } = plan.settings
  if (!activityCheck && !auditCheck) return undefined
  if (activityCheck && config.tenantUrl === null) {
    // Fails before the first write rather than failing every user.
    throw new ConfigError(
      `Plan ${plan.planId} was made with activity-check, so its approval re-checks the activity log and needs tenant-url. Set tenant-url as in the report run.`
    )
  }
  // One re-check for the whole run, so concurrent users share audit exports.
  const recheck = createEvidenceRecheck(reltio, {
    activityCheck,
    auditCheck,
    // A plan without a customer asked for the caller's own.
    customerId: plan.customerId === '' ? null : plan.customerId,
    now: config.now,
    inactiveDays
  })
  return async (user) => {
    const sign = await recheck(user.username)
    return sign ? describeSignOfLife(sign) : null
  }
}

async function enforcePolicyIfAsked(
  reltio: ReltioApi,
  plan: Plan,
  config: Config
): Promise<Awaited<ReturnType<typeof enforcePasswordPolicy>> | null> {
  if (config.passwordPolicy !== 'enforce' || !config.customerId) return null
  return phase(
    'Enforce the password policy',
    () =>
      enforcePasswordPolicy(
        reltio,
        config.customerId as string,
        config.inactiveDays,
        config.dryRun
      ),
    (change) =>
      change.changed || change.wouldChange
        ? `inactivePeriodInDays ${change.before ?? 'unset'} -> ${config.inactiveDays}${config.dryRun ? ' (dry run: not written)' : ''}`
        : `inactivePeriodInDays already ${change.before}`
  )
}

function describeResults(results: UserResult[]): string {
  const counts = new Map<string, number>()
  for (const r of results)
    counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1)
  const parts = [...counts.entries()].map(([outcome, n]) => `${n} ${outcome}`)
  return `Approved users: ${parts.join(', ') || 'none'}`
}
