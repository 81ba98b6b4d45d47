/**
 * An approval run against a rate-limited simulator, next to the bound the
 * limit sets: the run's own admitted requests divided by the rate. Then a
 * sequential read-modify-write loop on the first users, timed in the same
 * run and scaled up, to show what the approval run saves over a script.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHubFake, type GitHubFake } from '../sim/github/server.ts'
import {
  startReltioSimulator,
  type RecordedRequest,
  type ReltioSimulator,
  type SimUser
} from '../sim/reltio/server.ts'
import { plainUser } from '../sim/reltio/plain-user.ts'
import { runAction, type ActionRun } from '../sim/runner.ts'
import { BENCH_NOW, actionInputs } from './report-scale.ts'
import { sequentialReadModifyWrite } from './sequential.ts'

const DAY_MS = 86_400_000

/** The shape of the approval benchmark. */
export interface ApprovalBoundOptions {
  /** Candidates, all approved. */
  users: number
  latencyMs: number
  ratePerSecond: number
  /** The action's `concurrency` input. */
  concurrency: number
  /** Users the sequential loop is timed on, then scaled to `users`. */
  sequentialSample: number
  /** Another build to time instead of dist/index.js, e.g. to compare. */
  entry?: string
  log?: (line: string) => void
}

/** What one approval run cost and what it is compared with. */
export interface ApprovalBoundResult {
  users: number
  concurrency: number
  /** The approval run, spawn to exit. */
  wallMs: number
  /** Admitted requests (not 429, not /oauth/token) / rate. */
  boundMs: number
  admittedRequests: number
  throttled: number
  deactivated: number
  failed: number
  sequentialSample: number
  sequentialSampleMs: number
}

/** Sets up a report, then times the approval of all its candidates. */
export async function benchApprovalBound(
  opts: ApprovalBoundOptions
): Promise<ApprovalBoundResult> {
  const log = opts.log ?? (() => undefined)
  const reltio = await startReltioSimulator({
    users: candidates(opts.users),
    now: new Date(BENCH_NOW)
  })
  const github = await startGitHubFake()
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-approval-'))
  try {
    const planId = await reportFirst(reltio, github, reportDir, opts.users)
    reltio.setSwitches({
      latencyMs: opts.latencyMs,
      rateLimitPerSecond: opts.ratePerSecond
    })
    const before = reltio.requests.length
    const started = performance.now()
    const run = await approve(reltio, github, reportDir, planId, opts)
    const wallMs = performance.now() - started
    const requests = reltio.requests.slice(before)
    const result = summarize(run, requests, wallMs, opts)
    log(
      `approval ${opts.users} users: ${(wallMs / 1000).toFixed(1)} s, bound ${(result.boundMs / 1000).toFixed(1)} s, ${result.throttled} 429s`
    )
    const sample = [...reltio.users.keys()].slice(0, opts.sequentialSample)
    // The loop enables the users again: the same read-modify-write, undone.
    const sequentialSampleMs = await sequentialReadModifyWrite(
      reltio,
      sample,
      true
    )
    log(
      `sequential loop on ${sample.length} users: ${(sequentialSampleMs / 1000).toFixed(1)} s`
    )
    return { ...result, sequentialSample: sample.length, sequentialSampleMs }
  } finally {
    await rm(reportDir, { recursive: true, force: true })
    await github.close()
    await reltio.close()
  }
}

/** `count` enabled users, none seen for 200 days: all candidates. */
export function candidates(count: number): SimUser[] {
  const now = Date.parse(BENCH_NOW)
  return Array.from({ length: count }, (_, i) =>
    plainUser(`user${String(i).padStart(5, '0')}@acmecorp.example`, {
      passwordChangedDate: now - 400 * DAY_MS,
      lastLoginDate: now - 200 * DAY_MS - i * 60_000,
      firstLogin: true
    })
  )
}

/** The report run that opens the review issue and uploads the plan. */
async function reportFirst(
  reltio: ReltioSimulator,
  github: GitHubFake,
  reportDir: string,
  users: number
): Promise<string> {
  const run = await runAction({
    github,
    runId: 8001,
    eventName: 'schedule',
    inputs: actionInputs(reltio, reportDir)
  })
  const planId = run.outputs['plan-id']
  if (
    run.exitCode !== 0 ||
    !planId ||
    run.outputs.candidates !== String(users)
  ) {
    throw new Error(
      `The report run before the approval failed:\n${run.stdout.slice(-2000)}`
    )
  }
  return planId
}

async function approve(
  reltio: ReltioSimulator,
  github: GitHubFake,
  reportDir: string,
  planId: string,
  opts: ApprovalBoundOptions
): Promise<ActionRun> {
  return runAction({
    github,
    entry: opts.entry,
    runId: 8002,
    eventName: 'workflow_dispatch',
    actor: 'octo-approver',
    inputs: {
      ...actionInputs(reltio, reportDir),
      approve: 'true',
      'plan-id': planId,
      'max-deactivations': String(opts.users),
      'max-deactivation-percent': '100',
      concurrency: String(opts.concurrency)
    }
  })
}

function summarize(
  run: ActionRun,
  requests: RecordedRequest[],
  wallMs: number,
  opts: ApprovalBoundOptions
): Omit<ApprovalBoundResult, 'sequentialSample' | 'sequentialSampleMs'> {
  const deactivated = Number(run.outputs.deactivated ?? NaN)
  const failed = Number(run.outputs.failed ?? NaN)
  if (run.exitCode !== 0 || deactivated !== opts.users || failed !== 0) {
    throw new Error(
      `The approval run must deactivate all ${opts.users} users (exit ${run.exitCode}, deactivated ${deactivated}, failed ${failed}):\n${run.stdout.slice(-3000)}`
    )
  }
  const api = requests.filter((r) => r.path !== '/oauth/token')
  const admitted = api.filter((r) => r.status !== 429).length
  return {
    users: opts.users,
    concurrency: opts.concurrency,
    wallMs,
    boundMs: (admitted / opts.ratePerSecond) * 1000,
    admittedRequests: admitted,
    throttled: api.length - admitted,
    deactivated,
    failed
  }
}
