/**
 * Reactivation (PRODUCT.md flow step 4): enables users again, either those
 * an earlier approval run deactivated (its rollback.json) or a given list.
 */
import * as core from '@actions/core'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reactivateUsers, rollbackTargets } from '../approval/reactivate.js'
import type { ReactivateResult } from '../approval/types.js'
import { WritesForbiddenError } from '../approval/write.js'
import {
  buildReactivationResultsFile,
  renderReactivationSummary
} from '../approval/results.js'
import type { Config, ReactivateRequest } from '../config-types.js'
import { ConfigError, getErrorMessage } from '../errors.js'
import { phase } from '../log.js'
import type { ReltioApi } from '../reltio/types.js'
import { writeJson } from '../report/files.js'
import type { RunContext } from '../run-context.js'
import { downloadRunFiles } from './github.js'
import { artifactPrefixFor, type RunOutcome } from './outcome.js'
import { connectReltio } from './reltio.js'

/** Re-enables the requested users by a full-object read-modify-write. */
export async function runReactivation(
  config: Config,
  context: RunContext
): Promise<RunOutcome> {
  const request = config.reactivate as ReactivateRequest
  const targets = await phase(
    'Find the users to reactivate',
    () => resolveTargets(request, config, context),
    (list) => `${list.length} user(s) to reactivate`
  )
  const reltio = await phase(
    'Connect to Reltio',
    () => connectReltio(config),
    (api) => `Connected to Reltio as ${api.identity}`
  )
  const { results, stopped } = await reactivateAll(reltio, targets, config)
  const meta = {
    source: request,
    customerId: config.customerId,
    runId: context.runId,
    actor: context.actor,
    dryRun: config.dryRun,
    now: config.now,
    stopped
  }
  await writeJson(
    config.reportDir,
    'reactivation.json',
    buildReactivationResultsFile(results, meta)
  )
  await core.summary.addRaw(renderReactivationSummary(results, meta)).write()
  const failed = results.filter((r) => r.outcome === 'failed')
  return {
    outputs: {
      reactivated: results.filter((r) => r.outcome === 'reactivated').length,
      failed: failed.length,
      'report-dir': config.reportDir
    },
    failure:
      stopped ??
      (failed.length
        ? `${failed.length} user(s) could not be reactivated: ${failed.map((r) => r.username).join(', ')}`
        : null)
  }
}

async function reactivateAll(
  reltio: ReltioApi,
  targets: Array<{ username: string }>,
  config: Config
): Promise<{ results: ReactivateResult[]; stopped: string | null }> {
  try {
    const results = await phase(
      config.dryRun ? 'Check the users (dry run)' : 'Reactivate users',
      () =>
        reactivateUsers(reltio, targets, {
          concurrency: config.concurrency,
          dryRun: config.dryRun,
          onResult: (r) => core.info(`${r.username}: ${r.outcome}`)
        }),
      (list) =>
        `${list.filter((r) => r.outcome === 'reactivated').length} reactivated`
    )
    return { results, stopped: null }
  } catch (error) {
    // A 403 stops every write; the users done so far are still recorded.
    if (!(error instanceof WritesForbiddenError)) throw error
    return {
      results: error.results as ReactivateResult[],
      stopped: error.message
    }
  }
}

async function resolveTargets(
  request: ReactivateRequest,
  config: Config,
  context: RunContext
): Promise<Array<{ username: string }>> {
  if (request.kind === 'usernames') {
    return request.usernames.map((username) => ({ username }))
  }
  // An approval run's artifact is named after its customer, and one run of
  // a matrix can hold several customers' artifacts.
  if (!config.customerId) {
    throw new ConfigError(
      `Input 'reactivate' names approval run ${request.runId}; set the customer-id input too, so its rollback file can be found.`
    )
  }
  const dir = await downloadRunFiles(
    request.runId,
    artifactPrefixFor(`${config.artifactName}-approval`, config.customerId),
    await mkdtemp(join(tmpdir(), 'reltio-rollback-')),
    config,
    context
  ).catch((error: unknown) => {
    // The run id is what the person typed; say so before the details.
    throw new ConfigError(
      `Input 'reactivate': found no rollback file of approval run ${request.runId}. Give the run id of an approval run of this customer, or the usernames to enable again. (${getErrorMessage(error)})`
    )
  })
  return rollbackTargets(
    JSON.parse(await readFile(join(dir, 'rollback.json'), 'utf8'))
  )
}
