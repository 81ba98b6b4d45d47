/**
 * Users that changed between the report and the approval, and answers
 * that lie or break, through dist/index.js: each approved user is done,
 * skipped with a reason, or failed before (or verified after) its write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reltioWrites, startWorld, NOW, type World } from '../e2e/world.ts'
import {
  appliedPuts,
  approve,
  candidateNames,
  damage,
  errorLines,
  hasStackTrace,
  putsTo,
  readResults,
  runReport,
  snapshot,
  summaryRow,
  userPath,
  type PlanFile
} from './helpers.ts'

describe('an approval after the users changed', () => {
  let world: World
  let plan: PlanFile

  beforeEach(async () => {
    world = await startWorld()
    plan = await runReport(world)
  })
  afterEach(() => world.close())

  it('skips or fails each changed user with its reason and does the rest', async () => {
    const names = candidateNames(plan)
    const [
      deleted,
      renamed,
      loggedIn,
      disabled,
      excluded,
      unapplied,
      cutShort
    ] = names as [string, string, string, string, string, string, string]
    const untouched = names.slice(7)
    const users = world.reltio.users
    users.delete(deleted)
    // Same email, new username: Reltio still finds it by the old name.
    const moved = users.get(renamed) as Record<string, unknown>
    users.delete(renamed)
    users.set(`${renamed}.moved`, { ...moved, username: `${renamed}.moved` })
    users.get(loggedIn)!.lastLoginDate = new Date(NOW).getTime() - 3_600_000
    users.get(disabled)!.enabled = false
    users.get(excluded)!.groups = ['SERVICE_ACCOUNTS']
    // Answers 200 with the user as sent, but stores nothing.
    world.reltio.scriptFault({
      method: 'PUT',
      path: userPath(unapplied),
      status: 200,
      body: JSON.stringify({ ...users.get(unapplied), enabled: false })
    })
    // Stores the user, then its answer is cut in half.
    const whole = JSON.stringify({ ...users.get(cutShort), enabled: false })
    world.reltio.scriptFault({
      method: 'PUT',
      path: userPath(cutShort),
      afterHandler: true,
      status: 200,
      body: whole.slice(0, whole.length / 2)
    })
    const before = snapshot(world.reltio)
    const run = await approve(world, plan)

    expect(run.exitCode).toBe(1)
    expect(errorLines(run.stdout)).toEqual([
      expect.stringContaining(
        `1 approved user(s) could not be deactivated: ${unapplied}`
      )
    ])
    const expected: Array<[string, string, RegExp]> = [
      [deleted, 'skipped', /not found in Reltio \(deleted or renamed/],
      [renamed, 'skipped', /Reltio now returns .*; not the reviewed user/],
      [loggedIn, 'skipped', /not a candidate any more \(active\)/],
      [disabled, 'already disabled', /already disabled/],
      [excluded, 'skipped', /excluded now: group SERVICE_ACCOUNTS/],
      [
        unapplied,
        '**failed**',
        /read back after the PUT, Reltio differs from what was sent in: enabled/
      ],
      [cutShort, 'deactivated', /no login for/]
    ]
    for (const [name, label, reason] of expected) {
      const row = summaryRow(run.summary, name)
      expect(row).toContain(`| ${label} |`)
      expect(row).toMatch(reason)
    }
    for (const name of [
      deleted,
      renamed,
      `${renamed}.moved`,
      loggedIn,
      disabled,
      excluded
    ]) {
      expect(putsTo(world.reltio, name)).toBe(0)
    }
    expect(putsTo(world.reltio, unapplied)).toBe(1)
    expect(appliedPuts(world.reltio).get(cutShort)).toBe(1)
    expect(damage(world.reltio, before, [cutShort, ...untouched])).toEqual([])
    expect(run.outputs).toMatchObject({
      deactivated: String(untouched.length + 1),
      skipped: '5',
      failed: '1'
    })
  })

  it('writes the unapplied user on the next run and nobody twice', async () => {
    const [unapplied, ...rest] = candidateNames(plan) as [string, ...string[]]
    world.reltio.scriptFault({
      method: 'PUT',
      path: userPath(unapplied),
      status: 200,
      body: JSON.stringify({
        ...world.reltio.users.get(unapplied),
        enabled: false
      })
    })
    const before = snapshot(world.reltio)
    const first = await approve(world, plan)
    const second = await approve(world, plan)

    expect(first.exitCode).toBe(1)
    expect(second.exitCode).toBe(0)
    const results = await readResults(world)
    expect(results.get(unapplied)).toMatchObject({ outcome: 'deactivated' })
    for (const name of rest) {
      expect(results.get(name)).toMatchObject({ outcome: 'already-disabled' })
    }
    // The unapplied user's first PUT was answered 200 but stored nothing,
    // so it was sent again; everyone else was sent exactly once.
    expect(putsTo(world.reltio, unapplied)).toBe(2)
    const puts = appliedPuts(world.reltio)
    for (const name of rest) expect(puts.get(name)).toBe(1)
    expect(damage(world.reltio, before, [unapplied, ...rest])).toEqual([])
  })
})

describe('an approval whose reads come back broken', () => {
  let world: World
  let plan: PlanFile

  beforeEach(async () => {
    world = await startWorld()
    plan = await runReport(world)
  })
  afterEach(() => world.close())

  it.each([
    ['malformed', '{"errorMessage": <html>Bad Gateway</html>'],
    ['truncated', '[{"username": "anna", "enabled": tr']
  ])('stops before any write when the user list is %s', async (_kind, body) => {
    world.reltio.scriptFault({
      method: 'GET',
      path: '/oauth/users',
      status: 200,
      body
    })
    const run = await approve(world, plan)

    expect(run.exitCode).toBe(1)
    expect(errorLines(run.stdout)).toEqual([
      expect.stringMatching(/GET \/oauth\/users.*malformed JSON/)
    ])
    expect(hasStackTrace(run.stdout, run.stderr)).toBe(false)
    expect(reltioWrites(world.reltio)).toEqual([])
  })

  it('fails a user whose fresh read is cut short, without writing it', async () => {
    const [broken, ...others] = candidateNames(plan) as [string, ...string[]]
    const whole = JSON.stringify(world.reltio.users.get(broken))
    world.reltio.scriptFault({
      method: 'GET',
      path: userPath(broken),
      status: 200,
      body: whole.slice(0, whole.length / 2)
    })
    const before = snapshot(world.reltio)
    const run = await approve(world, plan)

    expect(run.exitCode).toBe(1)
    expect(putsTo(world.reltio, broken)).toBe(0)
    expect(summaryRow(run.summary, broken)).toMatch(
      /\*\*failed\*\* \| Reltio answered GET \/oauth\/users\/\S+ with malformed JSON/
    )
    expect(damage(world.reltio, before, others)).toEqual([])
  })
})
