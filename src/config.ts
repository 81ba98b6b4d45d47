/**
 * The action's inputs, read once and checked all together: a run with bad
 * inputs stops before it talks to anyone, with one line per bad input.
 */
import * as core from '@actions/core'
import { constants } from 'node:fs'
import { access, mkdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Config } from './config-types.js'
import {
  INPUT_DEFAULTS,
  INPUT_NAMES,
  SECRET_INPUTS,
  inputValue,
  type InputName
} from './config/inputs.js'
import {
  CROSS_CHECKS,
  INPUT_RULES,
  type ParsedInputs
} from './config/schema.js'
import { ConfigError, getErrorMessage } from './errors.js'
import { AllowlistError, parseAllowlist } from './inactivity/allowlist.js'
import type { AllowlistEntry } from './inactivity/types.js'

/** What parseConfig needs besides the inputs; passed in to keep it pure. */
export interface ConfigDeps {
  /** The allowlist file's text, or null when the file does not exist. */
  allowlistText: string | null
  /** The clock, used unless the `now` input fixes it. */
  realNow: Date
  /** Where report-dir goes when empty; defaults to the OS temp directory. */
  tempDir?: string
}

const REPORT_DIR_NAME = 'reltio-inactive-users'

/**
 * Checks the inputs (keyed by their action.yml names; a missing or empty
 * one takes its action.yml default) and returns the frozen Config.
 * @throws ConfigError with one line per bad input: its name, its value
 *   (never for a secret) and what to do
 */
export function parseConfig(
  raw: Readonly<Record<string, string>>,
  deps: ConfigDeps
): Config {
  const { inputs, problems } = parseInputs(raw)
  problems.push(...checkCombinations(inputs))
  const allowlistFile = inputValue(raw, 'allowlist-file')
  const allowlist = readAllowlist(deps.allowlistText, allowlistFile, problems)
  if (problems.length > 0) throw new ConfigError(problems.join('\n'))
  return deepFreeze(toConfig(inputs as ParsedInputs, allowlist, deps))
}

/**
 * Reads every input and the allowlist file, masks the secrets before
 * anything can print them, and returns the checked Config.
 * @throws ConfigError when an input or the allowlist file is bad
 */
export async function readConfig(): Promise<Config> {
  const raw = readRawInputs()
  const allowlistFile = inputValue(raw, 'allowlist-file')
  const allowlistText = await readAllowlistText(allowlistFile)
  const config = parseConfig(raw, {
    allowlistText,
    realNow: new Date(),
    tempDir: process.env['RUNNER_TEMP'] || tmpdir()
  })
  core.debug(`Resolved inputs: ${JSON.stringify(describeConfig(config))}`)
  await checkReportDir(config.reportDir)
  return config
}

/** The config as it may be logged: secrets as '***', the allowlist counted. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    clientSecret: mask(config.clientSecret),
    password: mask(config.password),
    githubToken: mask(config.githubToken),
    allowlist: `${config.allowlist.length} entries`,
    now: config.now.toISOString()
  }
}

function parseInputs(raw: Readonly<Record<string, string>>): {
  inputs: Partial<ParsedInputs>
  problems: string[]
} {
  const inputs: Record<string, unknown> = {}
  const problems: string[] = []
  for (const name of INPUT_NAMES) {
    const value = inputValue(raw, name)
    const result = INPUT_RULES[name].schema.safeParse(value)
    if (result.success) inputs[name] = result.data
    else problems.push(describeBadInput(name, value))
  }
  return { inputs, problems }
}

function describeBadInput(name: InputName, value: string): string {
  const { expected, hint } = INPUT_RULES[name]
  if (value === '') return `Input '${name}' is required. ${hint}`
  // A secret's value is never repeated, not even a wrong one: it may be
  // the real secret pasted into the wrong input.
  const got = SECRET_INPUTS.has(name) ? '' : `; got ${quote(value)}`
  return `Input '${name}' must be ${expected}${got}. ${hint}`
}

function checkCombinations(inputs: Partial<ParsedInputs>): string[] {
  return CROSS_CHECKS.map((check) => check(inputs)).filter(
    (problem): problem is string => problem !== null
  )
}

function readAllowlist(
  text: string | null,
  file: string,
  problems: string[]
): AllowlistEntry[] {
  if (text === null) return []
  try {
    return parseAllowlist(text)
  } catch (error) {
    if (!(error instanceof AllowlistError)) throw error
    for (const problem of error.problems) {
      problems.push(
        `Input 'allowlist-file': ${file} ${problem}. Each entry needs match, reason and owner; expires is optional, written YYYY-MM-DD.`
      )
    }
    return []
  }
}

function toConfig(
  inputs: ParsedInputs,
  allowlist: AllowlistEntry[],
  deps: ConfigDeps
): Config {
  return {
    clientId: inputs['client-id'],
    clientSecret: inputs['client-secret'],
    username: inputs.username,
    password: inputs.password,
    authUrl: inputs['auth-url'],
    customerId: inputs['customer-id'],
    tenantUrl: inputs['tenant-url'],
    inactiveDays: inputs['inactive-days'],
    warnDays: inputs['warn-days'],
    neverLoggedInDays: inputs['never-logged-in-days'],
    exclude: inputs.exclude,
    excludeRoles: inputs['exclude-roles'],
    excludeGroups: inputs['exclude-groups'],
    allowlistFile: inputs['allowlist-file'],
    allowlist,
    activityCheck: inputs['activity-check'],
    auditCheck: inputs['audit-check'],
    passwordPolicy: inputs['password-policy'],
    approve: inputs.approve,
    planId: inputs['plan-id'],
    approvers: inputs.approvers,
    reactivate: inputs.reactivate,
    dryRun: inputs['dry-run'],
    maxDeactivations: inputs['max-deactivations'],
    maxDeactivationPercent: inputs['max-deactivation-percent'],
    issue: inputs.issue,
    issueLabels: inputs['issue-labels'],
    githubToken: inputs['github-token'] ?? '',
    artifactName: inputs['artifact-name'],
    artifactRetentionDays: inputs['artifact-retention-days'],
    reportDir:
      inputs['report-dir'] ?? join(deps.tempDir ?? tmpdir(), REPORT_DIR_NAME),
    concurrency: inputs.concurrency,
    now: inputs.now ?? new Date(deps.realNow.getTime())
  }
}

function readRawInputs(): Record<string, string> {
  const raw: Record<string, string> = {}
  for (const name of INPUT_NAMES) {
    const value = core.getInput(name)
    if (SECRET_INPUTS.has(name)) maskSecret(value)
    raw[name] = value
  }
  return raw
}

/**
 * Masks a secret whole and URI-encoded; a multi-line secret also line by
 * line, since a log may print one line of it. Lines under 4 characters are
 * left alone: masking them would blank ordinary text everywhere.
 */
function maskSecret(value: string): void {
  if (value.trim() === '') return
  const lines = value.split(/\r?\n/).map((line) => line.trim())
  const forms = [value, encodeURIComponent(value)]
  if (lines.length > 1) forms.push(...lines.filter((line) => line.length >= 4))
  for (const form of new Set(forms)) core.setSecret(form)
}

async function readAllowlistText(file: string): Promise<string | null> {
  const path = resolve(process.env['GITHUB_WORKSPACE'] || '.', file)
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(
        `Input 'allowlist-file': cannot read ${file} (${getErrorMessage(error)}). Point it at a readable YAML file, or remove the input.`
      )
    }
    reportMissingAllowlist(file)
    return null
  }
}

// Checked before Reltio is read: an approval that cannot write its
// results and rollback file must find out before it deactivates anyone.
async function checkReportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
    await access(dir, constants.W_OK)
  } catch (error) {
    throw new ConfigError(
      `Input 'report-dir': cannot write to ${dir} (${getErrorMessage(error)}). Point it at a writable directory, or leave it empty for one under the runner temp directory.`
    )
  }
}

function reportMissingAllowlist(file: string): void {
  const message = `No allowlist file at ${file}; no allowlist entries apply.`
  // The default path is often absent on purpose; a path someone typed and
  // that does not exist is more likely a mistake worth seeing.
  if (file === INPUT_DEFAULTS['allowlist-file']) core.debug(message)
  else core.warning(message)
}

function mask(secret: string | null): string | null {
  return secret === null || secret === '' ? secret : '***'
}

/** Quotes a bad value on one line, without any credentials in a URL. */
function quote(value: string): string {
  const oneLine = value
    .replace(/\/\/[^/@\s]*@/g, '//***@')
    .replace(/\r?\n/g, '\\n')
  const short = oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine
  return `'${short}'`
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}
