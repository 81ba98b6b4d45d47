/**
 * The report artifact: upload after a report run, download for an approval
 * run. Loaded lazily by main, because @actions/artifact is the heaviest
 * dependency and most code paths never touch it.
 */
import { DefaultArtifactClient, type Artifact } from '@actions/artifact'
import * as core from '@actions/core'
import { getErrorMessage } from '../errors.js'

/** What to upload and for how long to keep it. */
export interface UploadReportOptions {
  name: string
  files: string[]
  rootDir: string
  retentionDays: number
}

/** The uploaded artifact; `digest` is `sha256:<hex>`, as GitHub lists it. */
export interface UploadedReport {
  id: number
  size: number
  digest: string
}

/** Which run's report to fetch and where to put it. */
export interface DownloadReportOptions {
  runId: number
  namePrefix: string
  /** Needs `actions: read`: downloads always go through the REST API. */
  token: string
  owner: string
  repo: string
  destination: string
}

/** The downloaded report and whether it is byte-for-byte what was uploaded. */
export interface DownloadedReport {
  dir: string
  name: string
  /** False also when GitHub recorded no digest, since nothing was verified. */
  digestMatches: boolean
}

/**
 * Uploads the report files as one artifact; null when the runner provides
 * no artifact service (no ACTIONS_RUNTIME_TOKEN), for the caller to say so.
 */
export async function uploadReport(
  opts: UploadReportOptions
): Promise<UploadedReport | null> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN) return null
  const client = new DefaultArtifactClient()
  try {
    const result = await client.uploadArtifact(
      opts.name,
      opts.files,
      opts.rootDir,
      { retentionDays: opts.retentionDays }
    )
    if (result.id === undefined)
      throw new Error('GitHub returned no artifact id')
    return {
      id: result.id,
      size: result.size ?? 0,
      // The upload reports bare hex while downloads compare `sha256:<hex>`;
      // one form everywhere keeps the comparison honest.
      digest: withSha256Prefix(result.digest ?? '')
    }
  } catch (error) {
    throw new Error(
      `Could not upload the report artifact ${opts.name}: ${getErrorMessage(error)}`,
      { cause: error }
    )
  }
}

/**
 * Downloads the report artifact of run `runId`: the one whose name is the
 * prefix plus the highest run attempt. Goes through the REST API (`findBy`),
 * which also sees earlier attempts of a re-run.
 */
export async function downloadReportArtifact(
  opts: DownloadReportOptions
): Promise<DownloadedReport> {
  const findBy = {
    token: opts.token,
    workflowRunId: opts.runId,
    repositoryOwner: opts.owner,
    repositoryName: opts.repo
  }
  const client = new DefaultArtifactClient()
  const listed = await client
    .listArtifacts({ findBy })
    .catch((error: unknown) => {
      throw new Error(listFailure(opts, error), { cause: error })
    })
  const chosen = chooseReportArtifact(listed.artifacts, opts)
  core.debug(
    `Report artifact ${chosen.name} (id ${chosen.id}, digest ${chosen.digest ?? 'none'})`
  )
  const expectedHash = chosen.digest
    ? withSha256Prefix(chosen.digest)
    : undefined
  const result = await client
    .downloadArtifact(chosen.id, {
      path: opts.destination,
      findBy,
      expectedHash
    })
    .catch((error: unknown) => {
      throw new Error(downloadFailure(opts, chosen, error), { cause: error })
    })
  return {
    dir: result.downloadPath ?? opts.destination,
    name: chosen.name,
    digestMatches: expectedHash !== undefined && !result.digestMismatch
  }
}

/**
 * The artifact named `<prefix><attempt>` or `<prefix>-<attempt>` with the
 * highest attempt (then the newest id). A name that merely starts with the
 * prefix is not taken: `report-Acme` must not pick `report-AcmeCorp-1`.
 */
export function chooseReportArtifact(
  artifacts: Artifact[],
  opts: Pick<DownloadReportOptions, 'runId' | 'namePrefix' | 'owner' | 'repo'>
): Artifact {
  const candidates = artifacts
    .map((artifact) => ({
      artifact,
      attempt: attemptOf(artifact.name, opts.namePrefix)
    }))
    .filter(
      (c): c is { artifact: Artifact; attempt: number } => c.attempt !== null
    )
    .sort((a, b) => b.attempt - a.attempt || b.artifact.id - a.artifact.id)
  const best = candidates[0]
  if (best) return best.artifact
  const names = artifacts.map((a) => a.name).join(', ') || 'none'
  throw new Error(
    `Run ${opts.runId} of ${opts.owner}/${opts.repo} has no artifact named "${opts.namePrefix}<attempt>" (artifacts found: ${names}). Check that the run id is the report run for this customer and artifact-name, and that the artifact is still within its retention period.`
  )
}

function attemptOf(name: string, prefix: string): number | null {
  if (!name.startsWith(prefix)) return null
  const rest = name.slice(prefix.length)
  if (rest === '') return 0
  const match = /^-?(\d+)$/.exec(rest)
  return match ? Number(match[1]) : null
}

/** `sha256:<hex>` whether or not the prefix was already there. */
export function withSha256Prefix(digest: string): string {
  return digest.startsWith('sha256:') ? digest : `sha256:${digest}`
}

function listFailure(opts: DownloadReportOptions, error: unknown): string {
  return `Could not list the artifacts of run ${opts.runId} in ${opts.owner}/${opts.repo}: ${getErrorMessage(error)}. Check that the workflow grants the token \`actions: read\` (permissions:), and that run ${opts.runId} exists in ${opts.owner}/${opts.repo}.`
}

function downloadFailure(
  opts: DownloadReportOptions,
  artifact: Artifact,
  error: unknown
): string {
  return `Could not download the report artifact ${artifact.name} (id ${artifact.id}) of run ${opts.runId}: ${getErrorMessage(error)}. Artifacts are deleted after artifact-retention-days; if it expired, run a new report. Otherwise check that the token has \`actions: read\`.`
}
