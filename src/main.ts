/**
 * The action, phase by phase: read the inputs, pick the kind of run
 * (report, approval or reactivation), run it, then set the outputs.
 */
import * as core from '@actions/core'
import { readConfig } from './config.js'
import type { Config } from './config-types.js'
import { getErrorMessage } from './errors.js'
import { runApproval } from './flows/approval-run.js'
import type { RunOutcome } from './flows/outcome.js'
import { runReactivation } from './flows/reactivation-run.js'
import { runReport } from './flows/report-run.js'
import { readRunContext, type RunContext } from './run-context.js'

/** Runs the action; the only place that sets outputs or fails the step. */
export async function run(): Promise<void> {
  try {
    const config = await readConfig()
    const context = readRunContext(process.env)
    announce(config)
    const outcome = await runChosenFlow(config, context)
    setOutputs(outcome.outputs)
    if (outcome.failure) core.setFailed(outcome.failure)
  } catch (error) {
    // One readable line for people; the stack only with debug logging on.
    if (error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(getErrorMessage(error))
  }
}

function runChosenFlow(
  config: Config,
  context: RunContext
): Promise<RunOutcome> {
  if (config.reactivate) return runReactivation(config, context)
  if (config.approve) return runApproval(config, context)
  return runReport(config, context)
}

function announce(config: Config): void {
  const kind = config.reactivate
    ? 'Reactivation run'
    : config.approve
      ? `Approval run for plan ${config.planId}`
      : 'Report run (reads Reltio only)'
  core.info(
    `${kind}${config.dryRun ? ', dry run' : ''}; clock ${config.now.toISOString()}`
  )
}

function setOutputs(outputs: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(outputs)) {
    core.setOutput(name, value)
    core.debug(`output ${name}=${String(value).slice(0, 200)}`)
  }
}
