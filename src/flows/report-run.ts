/**
 * The report run (PRODUCT.md flow step 1): reads Reltio, never writes to it.
 * Classifies every user, writes the report files, uploads them, updates the
 * review issue and writes the job summary.
 */
import * as core from '@actions/core'
import type { Config } from '../config-types.js'
import {
  classifyUsers,
  settingsFromConfig,
  spareWithEvidence
} from '../inactivity/classify.js'
import type { ClassifiedUser, InactivitySettings } from '../inactivity/types.js'
import { phase } from '../log.js'
import { formatCount } from '../report/summary-tables.js'
import type { RawReltioUser, ReltioApi } from '../reltio/types.js'
import { writeReportFiles } from '../report/files.js'
import { buildPlan } from '../report/plan.js'
import { renderReportSummary } from '../report/summary.js'
import type { Plan, PlanPasswordPolicy, PlanSettings } from '../report/types.js'
import { runUrlOf, type RunContext } from '../run-context.js'
import { gatherEvidence } from './evidence.js'
import { openIssuesApi, uploadFiles } from './github.js'
import { artifactNameFor, type RunOutcome } from './outcome.js'
import {
  connectReltio,
  readPasswordPolicy,
  resolveCustomerId
} from './reltio.js'

/** Runs a report: the plan, its files, artifact, review issue and summary. */
export async function runReport(
  config: Config,
  context: RunContext
): Promise<RunOutcome> {
  const reltio = await phase(
    'Connect to Reltio',
    () => connectReltio(config),
    (api) => `Connected to Reltio as ${api.identity}`
  )
  const plan = await buildReport(reltio, config, context)
  const issue = await publishReport(plan, config, context)
  return { outputs: reportOutputs(plan, config, issue), failure: null }
}

/** Reads Reltio and decides every user's bucket; shared with approval runs. */
export async function buildReport(
  reltio: ReltioApi,
  config: Config,
  context: RunContext
): Promise<Plan> {
  // The policy does not depend on the list, so its round trip overlaps the
  // list's download (its request shows in the list's log group); the
  // policy's phase then only waits for the answer. Handled here so that a
  // failure while the list is still coming is not an unhandled rejection;
  // the phase below still throws it.
  const policyRead = readPasswordPolicy(reltio, config)
  policyRead.catch(() => undefined)
  const users = await phase(
    'List users',
    () => reltio.listUsers(),
    (list) => `Listed ${formatCount(list.length)} users`
  )
  const customerId = resolveCustomerId(config, users)
  const policy = await phase(
    'Read the password policy',
    () => policyRead,
    describePolicy
  )
  const settings = settingsFromConfig(
    config,
    [reltio.identity],
    policy.inactivePeriodInDays
  )
  const classified = await phase(
    'Classify users',
    () => classifyWithEvidence(reltio, users, settings, config),
    (result) => describeBuckets(result.users)
  )
  return buildPlan({
    customerId,
    now: config.now,
    runId: context.runId,
    repository: context.owner ? `${context.owner}/${context.repo}` : null,
    settings: planSettingsOf(config, settings),
    users: classified.users,
    expiredAllowlist: classified.expiredAllowlist,
    passwordPolicy: policy
  })
}

async function classifyWithEvidence(
  reltio: ReltioApi,
  users: RawReltioUser[],
  settings: InactivitySettings,
  config: Config
): Promise<ReturnType<typeof classifyUsers>> {
  const result = classifyUsers(users, config.now, settings)
  if (!config.activityCheck && !config.auditCheck) return result
  const candidates = result.users
    .filter((user) => user.bucket === 'candidate')
    .map((user) => user.username)
  const evidence = await gatherEvidence(reltio, candidates, {
    activityCheck: config.activityCheck,
    auditCheck: config.auditCheck,
    customerId: config.customerId,
    now: config.now,
    inactiveDays: config.inactiveDays,
    concurrency: config.concurrency
  })
  core.info(
    `Second opinions spared ${evidence.size} of ${candidates.length} candidates`
  )
  const spared = result.users.map((user) => {
    const found = evidence.get(user.username)
    return found ? spareWithEvidence(user, found, config.now) : user
  })
  return { ...result, users: spared }
}

async function publishReport(
  plan: Plan,
  config: Config,
  context: RunContext
): Promise<{ number: number; url: string } | null> {
  const runUrl = runUrlOf(context)
  const artifactName = artifactNameFor(
    config.artifactName,
    plan.customerId,
    context.runAttempt
  )
  const summary = renderReportSummary(plan, {
    runUrl,
    issueUrl: null,
    artifactName: config.dryRun ? null : artifactName,
    dryRun: config.dryRun
  })
  const files = await writeReportFiles(config.reportDir, plan, summary)
  core.info(`Wrote ${files.length} report files to ${config.reportDir}`)
  if (config.dryRun) {
    core.warning('dry-run is on: no artifact, no review issue.')
    await core.summary.addRaw(summary).write()
    return null
  }
  // The artifact goes up before the issue points at this run, so an
  // approval can always fetch the plan an issue names.
  await phase(
    'Upload the report artifact',
    () => uploadFiles(artifactName, files, config.reportDir, config, context),
    (uploaded) =>
      uploaded ? `Uploaded artifact ${artifactName}` : 'No artifact uploaded'
  )
  const issue = config.issue
    ? await updateReviewIssue(plan, config, context)
    : null
  const issueLine = issue
    ? `\n\nReview issue: [#${issue.number}](${issue.url})\n`
    : ''
  await core.summary.addRaw(summary + issueLine).write()
  return issue
}

async function updateReviewIssue(
  plan: Plan,
  config: Config,
  context: RunContext
): Promise<{ number: number; url: string } | null> {
  const { upsertReviewIssue } = await import('../github/issue.js')
  const api = await openIssuesApi(config, context)
  return phase(
    'Update the review issue',
    () =>
      upsertReviewIssue(api, plan, {
        labels: config.issueLabels,
        runUrl: runUrlOf(context),
        runId: context.runId,
        workflowFile: context.workflowFile,
        repository: context.owner ? `${context.owner}/${context.repo}` : null
      }),
    (issue) =>
      issue
        ? `Review issue #${issue.number}: ${issue.url}`
        : 'No review issue needed'
  )
}

function planSettingsOf(
  config: Config,
  settings: InactivitySettings
): PlanSettings {
  return {
    inactiveDays: config.inactiveDays,
    warnDays: config.warnDays,
    neverLoggedInDays: config.neverLoggedInDays,
    exclude: config.exclude,
    excludeRoles: config.excludeRoles,
    excludeGroups: config.excludeGroups,
    allowlist: settings.allowlist,
    activityCheck: config.activityCheck,
    auditCheck: config.auditCheck,
    passwordPolicy: config.passwordPolicy
  }
}

function reportOutputs(
  plan: Plan,
  config: Config,
  issue: { number: number } | null
): Record<string, string | number> {
  return {
    'plan-id': plan.planId,
    candidates: plan.counts.candidate,
    approaching: plan.counts.approaching,
    excluded: plan.counts.excluded,
    'issue-number': issue ? issue.number : '',
    'report-dir': config.reportDir,
    'approaching-users': JSON.stringify(
      plan.approaching.map(({ username, email, daysLeft }) => ({
        username,
        email,
        daysLeft
      }))
    )
  }
}

function describePolicy(policy: PlanPasswordPolicy): string {
  if (policy.unavailable)
    return `Password policy not read: ${policy.unavailable}`
  return `Password policy: inactivePeriodInDays ${policy.inactivePeriodInDays ?? 'unset'}`
}

function describeBuckets(users: ClassifiedUser[]): string {
  const counts = new Map<string, number>()
  for (const user of users)
    counts.set(user.bucket, (counts.get(user.bucket) ?? 0) + 1)
  const parts = [...counts.entries()].map(
    ([bucket, n]) => `${formatCount(n)} ${bucket}`
  )
  return `Classified: ${parts.join(', ')}`
}
