/**
 * Shared steps of the reliability tests: a report and an approval of
 * dist/index.js in the e2e world, and the checks every fault ends with —
 * who was written how often, and whether anyone lost a field.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { ReltioSimulator } from '../../sim/reltio/server.ts'
import type { ActionRun } from '../../sim/runner.ts'
import type { World } from '../e2e/world.ts'

/** The parts of plan.json these tests read. */
export interface PlanFile {
  planId: string
  candidates: Array<{ username: string }>
  counts: { enabled: number }
}

/** One user's line of results.json. */
export interface ResultLine {
  username: string
  status: string
  outcome: string
  reason?: string
  error?: string
}

/** Every user as stored, by username, deep-copied. */
export type Snapshot = Map<string, Record<string, unknown>>

/** Limits that let a whole plan through, for tests not about the guards. */
export const ROOMY = {
  'max-deactivations': '500',
  'max-deactivation-percent': '100'
}

/** How an approval is started: by hand, by someone allowed to. */
export const DISPATCH = {
  eventName: 'workflow_dispatch',
  actor: 'octo-approver'
}

const USERS_PATH = '/oauth/users/'

/** Runs a report and returns its plan.json. */
export async function runReport(
  world: World,
  inputs: Record<string, string> = {}
): Promise<PlanFile> {
  const report = await world.run(inputs)
  if (report.exitCode !== 0) {
    throw new Error(`report run failed:\n${report.stdout}\n${report.stderr}`)
  }
  return readPlan(world)
}

/** The plan.json the last report run left in report-dir. */
export async function readPlan(world: World): Promise<PlanFile> {
  const text = await readFile(join(world.reportDir, 'plan.json'), 'utf8')
  return JSON.parse(text) as PlanFile
}

/** Runs an approval of `plan` with roomy limits unless `inputs` say else. */
export function approve(
  world: World,
  plan: PlanFile,
  inputs: Record<string, string> = {},
  options: Partial<Parameters<World['run']>[1]> = {}
): Promise<ActionRun> {
  return world.run(
    { approve: 'true', 'plan-id': plan.planId, ...ROOMY, ...inputs },
    { ...DISPATCH, ...options }
  )
}

/** The results.json the last approval run left in report-dir, by user. */
export async function readResults(
  world: World
): Promise<Map<string, ResultLine>> {
  const text = await readFile(join(world.reportDir, 'results.json'), 'utf8')
  const file = JSON.parse(text) as { users: ResultLine[] }
  return new Map(file.users.map((line) => [line.username, line]))
}

/** A deep copy of every user the simulator holds now. */
export function snapshot(reltio: ReltioSimulator): Snapshot {
  const copy: Snapshot = new Map()
  for (const [name, user] of reltio.users) copy.set(name, structuredClone(user))
  return copy
}

/** The usernames of a plan's candidates. */
export function candidateNames(plan: PlanFile): string[] {
  return plan.candidates.map((c) => c.username)
}

/** The simulator path of one user, as the client sends it. */
export function userPath(username: string): string {
  return `${USERS_PATH}${encodeURIComponent(username)}`
}

/**
 * PUTs of each user that Reltio applied (answered 200; a 429, 503 or reset
 * is refused before the route runs, so it changed nothing).
 */
export function appliedPuts(reltio: ReltioSimulator): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of reltio.requests) {
    if (r.method !== 'PUT' || !r.path.startsWith(USERS_PATH)) continue
    if (r.status !== 200) continue
    const name = decodeURIComponent(r.path.slice(USERS_PATH.length))
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return counts
}

/** Every PUT sent for one user, whatever the answer. */
export function putsTo(reltio: ReltioSimulator, username: string): number {
  const path = userPath(username)
  return reltio.requests.filter((r) => r.method === 'PUT' && r.path === path)
    .length
}

/**
 * What differs between the users now and `before`, as sentences; empty when
 * every user is as it was, except that users in `deactivated` must now have
 * `enabled: false` and nothing else changed. A missing user is a loss.
 */
export function damage(
  reltio: ReltioSimulator,
  before: Snapshot,
  deactivated: Iterable<string>
): string[] {
  const expectedOff = new Set(deactivated)
  const problems: string[] = []
  for (const [name, was] of before) {
    const now = reltio.users.get(name)
    if (now === undefined) {
      problems.push(`${name}: lost`)
      continue
    }
    const expected = expectedOff.has(name) ? { ...was, enabled: false } : was
    if (!isDeepStrictEqual(now, expected)) {
      problems.push(`${name}: ${describeDifference(expected, now)}`)
    }
  }
  return problems
}

function describeDifference(
  expected: Record<string, unknown>,
  actual: Record<string, unknown>
): string {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
  const fields = [...keys].filter(
    (key) => !isDeepStrictEqual(expected[key], actual[key])
  )
  return `differs in ${fields.join(', ')}`
}

/**
 * The summary table row of one user (`| user | outcome | reason |`), with
 * the entities the summary escapes record text with turned back into text.
 */
export function summaryRow(summary: string, username: string): string {
  const start = `| ${username} |`
  const rows = summary.split('\n').map(decodeEntities)
  return rows.find((line) => line.startsWith(start)) ?? ''
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) =>
    String.fromCharCode(Number(code))
  )
}

/** The `::error::` lines of a run's stdout: what a person sees in red. */
export function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::error'))
}

/**
 * Whether a person would see a stack trace. `::debug::` lines (which carry
 * one) are shown only when debug logging is turned on, so they don't count.
 */
export function hasStackTrace(stdout: string, stderr: string): boolean {
  const shown = `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::debug::'))
    .join('\n')
  return /(\n|%0A)\s+at .+:\d+:\d+/.test(shown)
}

/** A killWhen that fires after the `count`th user line with this outcome. */
export function afterOutcomes(
  outcome: string,
  count: number
): (stdout: string) => boolean {
  const line = new RegExp(`^[^:\\n]+: ${outcome}\\b`, 'gm')
  return (stdout) => (stdout.match(line)?.length ?? 0) >= count
}
