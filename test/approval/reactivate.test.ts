/** reactivateUsers against the Reltio simulator with the real client. */
import { afterEach, describe, expect, it } from 'vitest'
import { deactivateApproved } from '../../src/approval/deactivate.ts'
import {
  reactivateUsers,
  rollbackTargets
} from '../../src/approval/reactivate.ts'
import { buildRollbackFile } from '../../src/approval/results.ts'
import type { ReactivateResult } from '../../src/approval/types.ts'
import { WritesForbiddenError } from '../../src/approval/write.ts'
import { NOW, candidate, reltioUser, settings } from './helpers.ts'
import { requestsTo, startWorld, usersPut, type SimWorld } from './sim-setup.ts'

const USERS = [
  reltioUser('ann@acme.com', 120, { custom: { nested: [{ a: 1 }] } }),
  reltioUser('bob@acme.com', 200),
  reltioUser('cid@acme.com', 5)
]
const opts = { concurrency: 2, dryRun: false }

let world: SimWorld
afterEach(async () => world.close())

const outcomes = (results: ReactivateResult[]): string[] =>
  results.map((r) => r.outcome)

describe('reactivateUsers (simulator)', () => {
  it('undoes an approval run from its rollback file, losing no field', async () => {
    world = await startWorld(USERS)
    const original = structuredClone(world.sim.users.get('ann@acme.com'))
    const approved = ['ann@acme.com', 'bob@acme.com'].map(candidate)
    const done = await deactivateApproved(world.client, approved, {
      now: NOW,
      settings: settings(),
      concurrency: 2,
      dryRun: false
    })
    const rollback = JSON.parse(
      JSON.stringify(buildRollbackFile('0123456789abcdef', '200', done))
    )

    const results = await reactivateUsers(
      world.client,
      rollbackTargets(rollback),
      opts
    )
    expect(outcomes(results)).toEqual(['reactivated', 'reactivated'])
    expect(world.sim.users.get('ann@acme.com')).toEqual(original)
    expect(world.sim.users.get('bob@acme.com')?.enabled).toBe(true)
  })

  it('sends the user as read with only enabled set to true', async () => {
    world = await startWorld([
      reltioUser('ann@acme.com', 120, { enabled: false })
    ])
    const before = structuredClone(world.sim.users.get('ann@acme.com'))
    await reactivateUsers(world.client, [{ username: 'ann@acme.com' }], opts)
    const [put] = requestsTo(world.sim, 'PUT')
    expect(put?.body).toEqual({ ...before, enabled: true })
  })

  it('leaves users already enabled alone and skips unknown ones', async () => {
    world = await startWorld(USERS)
    const results = await reactivateUsers(
      world.client,
      [{ username: 'cid@acme.com' }, { username: 'gone@acme.com' }],
      opts
    )
    expect(outcomes(results)).toEqual(['already-enabled', 'skipped'])
    expect(results[1]?.reason).toMatch(/^not found in Reltio/)
    expect(requestsTo(world.sim, 'PUT')).toEqual([])
  })

  it('says what it would do on a dry run and sends no PUT', async () => {
    world = await startWorld([
      reltioUser('ann@acme.com', 120, { enabled: false })
    ])
    const results = await reactivateUsers(
      world.client,
      [{ username: 'ann@acme.com' }],
      { ...opts, dryRun: true }
    )
    expect(outcomes(results)).toEqual(['would-reactivate'])
    expect(requestsTo(world.sim, 'PUT')).toEqual([])
  })

  it('fails a user whose PUT answers 200 but does not stick', async () => {
    const ann = reltioUser('ann@acme.com', 120, { enabled: false })
    world = await startWorld([ann])
    world.sim.scriptFault({
      method: 'PUT',
      path: '/oauth/users/ann%40acme.com',
      status: 200,
      body: JSON.stringify({ ...ann, enabled: true })
    })
    const [result] = await reactivateUsers(
      world.client,
      [{ username: 'ann@acme.com' }],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toMatch(/differs from what was sent in: enabled$/)
  })

  it('stops at the first 403 before any other write', async () => {
    const disabled = USERS.map((u) => ({ ...u, enabled: false }))
    world = await startWorld(disabled, { as: 'readonly' })
    const error = await reactivateUsers(
      world.client,
      disabled.map(({ username }) => ({ username })),
      { ...opts, concurrency: 3 }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WritesForbiddenError)
    expect(requestsTo(world.sim, 'PUT')).toHaveLength(1)
    expect(usersPut(world.sim)).toEqual([])
  })
})
