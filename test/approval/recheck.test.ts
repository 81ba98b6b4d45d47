import { describe, expect, it } from 'vitest'
import { recheckUser } from '../../src/approval/recheck.ts'
import { NOW, daysAgo, reltioUser, settings } from './helpers.ts'

const context = { now: NOW, settings: settings(), identity: 'sim-admin-client' }

describe('recheckUser', () => {
  it('goes ahead for a user still enabled, inactive and not excluded', () => {
    const user = reltioUser('a@x.com', 120)
    expect(recheckUser('a@x.com', user, context)).toEqual({
      proceed: true,
      user,
      reason: 'no login for 120 days (threshold 90)'
    })
  })

  it('skips a user Reltio no longer has', () => {
    expect(recheckUser('a@x.com', null, context)).toEqual({
      proceed: false,
      outcome: 'skipped',
      reason: 'not found in Reltio (deleted or renamed since the report)'
    })
  })

  it('skips when Reltio answers with another username', () => {
    const verdict = recheckUser('a@x.com', reltioUser('A@x.com', 120), context)
    expect(verdict).toMatchObject({ proceed: false, outcome: 'skipped' })
  })

  it('calls a disabled user already disabled, which is no failure', () => {
    const user = reltioUser('a@x.com', 120, { enabled: false })
    expect(recheckUser('a@x.com', user, context)).toEqual({
      proceed: false,
      outcome: 'already-disabled',
      reason: 'already disabled — by an earlier run of this plan or by hand'
    })
  })

  it('skips a user excluded since the report, naming the rule', () => {
    const user = reltioUser('a@x.com', 120, {
      userPermissions: { roles: { ROLE_API: ['acmeTenant'] } }
    })
    expect(recheckUser('a@x.com', user, context)).toEqual({
      proceed: false,
      outcome: 'skipped',
      reason: 'excluded now: role ROLE_API'
    })
  })

  it('skips a user who logged in after the report', () => {
    const user = reltioUser('a@x.com', 120, { lastLoginDate: daysAgo(2) })
    const verdict = recheckUser('a@x.com', user, context)
    expect(verdict).toMatchObject({ proceed: false, outcome: 'skipped' })
    expect(verdict.reason).toMatch(/^not a candidate any more \(active\): /)
  })

  it('uses the same threshold to the millisecond', () => {
    const edge = reltioUser('a@x.com', 90)
    const inside = reltioUser('a@x.com', 90, { lastLoginDate: daysAgo(90) + 1 })
    expect(recheckUser('a@x.com', edge, context).proceed).toBe(true)
    expect(recheckUser('a@x.com', inside, context)).toMatchObject({
      proceed: false,
      reason: expect.stringMatching(/\(approaching\)/)
    })
  })

  it('never proceeds for the identity it runs as, matched by email', () => {
    const user = reltioUser('robot', 400, { email: 'Robot@x.com' })
    const verdict = recheckUser('robot', user, {
      ...context,
      identity: 'robot@X.com'
    })
    expect(verdict).toMatchObject({ proceed: false, outcome: 'skipped' })
    expect(verdict.reason).toMatch(/identity this action runs as/)
  })

  it('skips a user whose last login cannot be read any more', () => {
    const user = reltioUser('a@x.com', 120, { lastLoginDate: 'yesterday-ish' })
    expect(recheckUser('a@x.com', user, context)).toMatchObject({
      proceed: false,
      reason: expect.stringMatching(/\(unknown\)/)
    })
  })
})
