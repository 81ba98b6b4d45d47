/**
 * deactivateApproved against an in-memory double, for failures at one
 * exact step; the everyday behaviour is in deactivate.test.ts, against the
 * simulator.
 */
import { describe, expect, it } from 'vitest'
import { deactivateApproved } from '../../src/approval/deactivate.ts'
import type { UserResult } from '../../src/approval/types.ts'
import { WritesForbiddenError } from '../../src/approval/write.ts'
import { ReltioError } from '../../src/errors.ts'
import { NOW, candidate, reltioUser, settings } from './helpers.ts'
import { forbidden, memoryReltio } from './memory-reltio.ts'

const USERS = ['u1@x.com', 'u2@x.com', 'u3@x.com', 'u4@x.com', 'u5@x.com']
const opts = { now: NOW, settings: settings(), concurrency: 2, dryRun: false }

function setup(): ReturnType<typeof memoryReltio> {
  return memoryReltio(USERS.map((u) => reltioUser(u, 120)))
}

const puts = (api: ReturnType<typeof memoryReltio>): string[] =>
  api.calls.filter((c) => c.method === 'PUT').map((c) => c.username)

describe('deactivateApproved (failure shapes)', () => {
  it('keeps at most `concurrency` users in flight and the input order', async () => {
    const api = setup()
    const results = await deactivateApproved(api, USERS.map(candidate), opts)
    expect(api.maxInFlight).toBeLessThanOrEqual(2)
    expect(api.maxInFlight).toBe(2)
    expect(results.map((r) => r.username)).toEqual(USERS)
    expect(results.every((r) => r.outcome === 'deactivated')).toBe(true)
  })

  it('stops every further write at the first 403 and reports them all', async () => {
    const api = setup()
    api.onPut = (username) => {
      if (username === 'u2@x.com')
        throw forbidden(`PUT /oauth/users/${username}`)
    }
    const seen: UserResult[] = []
    const run = deactivateApproved(api, USERS.map(candidate), {
      ...opts,
      concurrency: 1,
      onResult: (r) => seen.push(r)
    })
    const error = await run.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WritesForbiddenError)
    expect(error).toBeInstanceOf(ReltioError)
    const stopped = error as WritesForbiddenError<UserResult>
    expect(stopped.status).toBe(403)
    expect(stopped.message).toMatch(
      /lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER/
    )
    expect(stopped.message).toContain('"sim-admin-client"')
    expect(puts(api)).toEqual(['u1@x.com', 'u2@x.com'])
    expect(stopped.results.map((r) => r.outcome)).toEqual([
      'deactivated',
      'failed',
      'failed',
      'failed',
      'failed'
    ])
    expect(stopped.results[2]?.reason).toMatch(/^not attempted/)
    expect(seen).toHaveLength(5)
  })

  it('sends no PUT after a 403 even from users already being read', async () => {
    const api = setup()
    api.onPut = (username) => {
      throw forbidden(`PUT /oauth/users/${username}`)
    }
    const error = await deactivateApproved(api, USERS.map(candidate), {
      ...opts,
      concurrency: 5
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WritesForbiddenError)
    // All five read at once; the first PUT's 403 holds back the other four.
    expect(puts(api)).toHaveLength(1)
  })

  it('fails a user whose read-back cannot be done, marking it written', async () => {
    const api = setup()
    api.onGet = (username, call) => {
      if (call === 2) throw new ReltioError('socket reset', { endpoint: 'GET' })
      return undefined
    }
    const [result] = await deactivateApproved(
      api,
      [candidate('u1@x.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toMatch(/could not be read back.*socket reset/)
  })

  it('fails a user who vanishes between the PUT and the read-back', async () => {
    const api = setup()
    api.onGet = (_username, call) => (call === 2 ? null : undefined)
    const [result] = await deactivateApproved(
      api,
      [candidate('u1@x.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toMatch(/not found when read back/)
  })

  it('fails, without writing, a user whose first read errors', async () => {
    const api = setup()
    api.onGet = () => {
      throw new ReltioError('Reltio answered 500', {
        status: 500,
        endpoint: 'GET'
      })
    }
    const [result] = await deactivateApproved(
      api,
      [candidate('u1@x.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'failed', written: false })
    expect(puts(api)).toEqual([])
  })

  it('spares a user when the recheck hook gives a reason', async () => {
    const api = setup()
    const results = await deactivateApproved(
      api,
      [candidate('u1@x.com'), candidate('u2@x.com')],
      {
        ...opts,
        recheck: async (user) =>
          user.username === 'u1@x.com' ? 'activity log shows use' : null
      }
    )
    expect(results.map((r) => r.outcome)).toEqual(['skipped', 'deactivated'])
    expect(results[0]?.reason).toContain('activity log shows use')
    expect(puts(api)).toEqual(['u2@x.com'])
  })

  it('fails, without writing, a user whose recheck hook throws', async () => {
    const api = setup()
    const [result] = await deactivateApproved(api, [candidate('u1@x.com')], {
      ...opts,
      recheck: async () => {
        throw new Error('activities answered 503')
      }
    })
    expect(result?.outcome).toBe('failed')
    expect(result?.reason).toMatch(/re-check failed.*activities answered 503/)
    expect(puts(api)).toEqual([])
  })

  it('never writes the identity it runs as, even unexcluded', async () => {
    const api = memoryReltio([reltioUser('robot@x.com', 400)], 'ROBOT@x.com')
    const [result] = await deactivateApproved(
      api,
      [candidate('robot@x.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'skipped', written: false })
    expect(result?.reason).toMatch(/identity this action runs as/)
    expect(puts(api)).toEqual([])
  })

  it('skips a user found under another username (matched by email)', async () => {
    const api = setup()
    api.onGet = () => reltioUser('someone-else@x.com', 200)
    const [result] = await deactivateApproved(
      api,
      [candidate('u1@x.com')],
      opts
    )
    expect(result).toMatchObject({ outcome: 'skipped', before: null })
    expect(result?.reason).toMatch(/not the reviewed user/)
    expect(puts(api)).toEqual([])
  })

  it('records a PUT error as failed, and as possibly written', async () => {
    const api = setup()
    api.onPut = () => {
      throw new ReltioError('Reltio answered 500 after 5 retries', {
        status: 500,
        endpoint: 'PUT'
      })
    }
    const [result] = await deactivateApproved(
      api,
      [candidate('u1@x.com')],
      opts
    )
    // A 500 may come after the write landed: the rollback file lists it.
    expect(result).toMatchObject({ outcome: 'failed', written: true })
    expect(result?.reason).toBe(
      'PUT failed: Reltio answered 500 after 5 retries'
    )
  })
})
