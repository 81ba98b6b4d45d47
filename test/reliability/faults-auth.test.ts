/**
 * Rejected tokens during an approval of dist/index.js: every token expiring
 * mid-run, a burst of 401s, and one user's calls rejected for good.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWorld, type World } from '../e2e/world.ts'
import {
  afterOutcomes,
  appliedPuts,
  approve,
  candidateNames,
  damage,
  putsTo,
  readResults,
  runReport,
  snapshot,
  summaryRow,
  userPath,
  type PlanFile
} from './helpers.ts'

const INVALID_TOKEN = JSON.stringify({
  error: 'invalid_token',
  error_description: 'Token is invalid'
})

function tokenRequests(world: World): number {
  return world.reltio.requests.filter((r) => r.path === '/oauth/token').length
}

describe('an approval whose token is rejected', () => {
  let world: World
  let plan: PlanFile

  beforeEach(async () => {
    world = await startWorld()
    plan = await runReport(world)
  })
  afterEach(() => world.close())

  it('gets a new token when every token expires mid-run and finishes', async () => {
    const before = snapshot(world.reltio)
    const approved = candidateNames(plan)
    const fifthDone = afterOutcomes('deactivated', 5)
    let expired = false
    const tokensBefore = tokenRequests(world)
    // The kill hook sees stdout as it comes: it expires the tokens once,
    // after the fifth user is done, and never kills.
    const run = await approve(
      world,
      plan,
      { concurrency: '1' },
      {
        killWhen: (stdout) => {
          if (!expired && fifthDone(stdout)) {
            world.reltio.expireTokens()
            expired = true
          }
          return false
        }
      }
    )

    expect(expired).toBe(true)
    expect(run.exitCode).toBe(0)
    expect(run.outputs.deactivated).toBe(String(approved.length))
    expect(world.reltio.requests.some((r) => r.status === 401)).toBe(true)
    expect(tokenRequests(world) - tokensBefore).toBe(2)
    const puts = appliedPuts(world.reltio)
    for (const name of approved) expect(puts.get(name)).toBe(1)
    expect(damage(world.reltio, before, approved)).toEqual([])
    expect(run.summary).toMatch(/Reltio calls: .*1 new token\(s\)\./)
  })

  it('rides out a burst of 401s with one fresh token', async () => {
    const before = snapshot(world.reltio)
    const approved = candidateNames(plan)
    world.reltio.scriptFault({
      path: /^\/oauth\/users\/./,
      status: 401,
      body: INVALID_TOKEN,
      times: 4
    })
    const run = await approve(world, plan)

    expect(run.exitCode).toBe(0)
    expect(run.outputs.deactivated).toBe(String(approved.length))
    expect(world.reltio.requests.filter((r) => r.status === 401)).toHaveLength(
      4
    )
    const puts = appliedPuts(world.reltio)
    for (const name of approved) expect(puts.get(name)).toBe(1)
    expect(damage(world.reltio, before, approved)).toEqual([])
  })

  it('fails a user whose calls stay rejected, before writing it, and does the rest', async () => {
    const before = snapshot(world.reltio)
    const [refused, ...others] = candidateNames(plan) as [string, ...string[]]
    // The first try and the retry with a fresh token are both refused.
    world.reltio.scriptFault({
      method: 'GET',
      path: userPath(refused),
      status: 401,
      body: INVALID_TOKEN,
      times: 2
    })
    const run = await approve(world, plan)

    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::1 approved user\(s\) could not be deactivated/
    )
    expect(putsTo(world.reltio, refused)).toBe(0)
    const results = await readResults(world)
    expect(results.get(refused)).toMatchObject({ status: 'failed' })
    expect(results.get(refused)?.error).toMatch(
      /rejected the access token .* even after a fresh one/
    )
    expect(summaryRow(run.summary, refused)).toMatch(
      /\*\*failed\*\* \| Reltio rejected the access token/
    )
    expect(run.outputs.deactivated).toBe(String(others.length))
    expect(damage(world.reltio, before, others)).toEqual([])
  })
})
