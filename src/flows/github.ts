/**
 * The GitHub side of a run: the review issue and the report artifact. The
 * GitHub and artifact clients are imported only when a run needs them, so a
 * run that uses neither starts faster.
 */
import * as core from '@actions/core'
import type { Config } from '../config-types.js'
import { ConfigError, getErrorMessage } from '../errors.js'
import type { RunContext } from '../run-context.js'
import type { IssuesApi } from '../github/issue.js'

/** The review issue client for this repository. */
export async function openIssuesApi(
  config: Config,
  context: RunContext
): Promise<IssuesApi> {
  if (!context.owner || !context.repo) {
    throw new Error(
      'GITHUB_REPOSITORY is not set, so the review issue has no repository. Run the action in a workflow, or set issue: false.'
    )
  }
  const { createOctokit, issuesApiFrom } = await import('../github/octokit.js')
  const octokit = createOctokit(config.githubToken, {
    log: { warning: (message: string) => core.warning(message) }
  })
  // Writes stay one at a time; the throttling plugin already spaces them
  // the way GitHub's secondary rate limits ask, so no extra pause here.
  const api = issuesApiFrom(octokit, context.owner, context.repo, {
    pauseMs: 0
  })
  return blamingTheToken(api)
}

/**
 * The same calls, except that GitHub refusing the token (401) names the
 * github-token input: "Bad credentials" alone does not say what to fix.
 */
function blamingTheToken(api: IssuesApi): IssuesApi {
  const wrapped: Record<string, unknown> = {}
  for (const [name, call] of Object.entries(api)) {
    wrapped[name] =
      typeof call === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (call as (...a: unknown[]) => unknown)(...args)
            } catch (error) {
              throw refusedToken(error) ?? error
            }
          }
        : call
  }
  return wrapped as unknown as IssuesApi
}

function refusedToken(error: unknown): ConfigError | null {
  if ((error as { status?: unknown }).status !== 401) return null
  return new ConfigError(
    `GitHub refused the github-token input (401: ${getErrorMessage(error)}). Pass \${{ github.token }}, or a token from a secret that may read and write issues.`
  )
}

/** Uploads the report files; null (with a notice) outside a GitHub runner. */
export async function uploadFiles(
  name: string,
  files: string[],
  rootDir: string,
  config: Config,
  context: RunContext
): Promise<{ id: number; digest: string } | null> {
  if (!context.hasArtifactService) {
    core.notice(
      'The runner provides no artifact service here, so the report stays in report-dir only.'
    )
    return null
  }
  const { uploadReport } = await import('../report/artifact.js')
  return uploadReport({
    name,
    files,
    rootDir,
    retentionDays: config.artifactRetentionDays
  })
}

/** Downloads the report artifact of another run into `destination`. */
export async function downloadRunFiles(
  runId: number,
  namePrefix: string,
  destination: string,
  config: Config,
  context: RunContext
): Promise<string> {
  if (!context.owner || !context.repo) {
    throw new Error('GITHUB_REPOSITORY is not set; cannot find the report run.')
  }
  const { downloadReportArtifact } = await import('../report/artifact.js')
  const download = await downloadReportArtifact({
    runId,
    namePrefix,
    token: config.githubToken,
    owner: context.owner,
    repo: context.repo,
    destination
  })
  if (!download.digestMatches) {
    throw new Error(
      `The artifact ${download.name} of run ${runId} does not match its recorded digest; it may have been altered. Run a new report.`
    )
  }
  return download.dir
}
