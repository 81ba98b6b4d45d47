/** enforcePasswordPolicy against the Reltio simulator with the real client. */
import { afterEach, describe, expect, it } from 'vitest'
import { enforcePasswordPolicy } from '../../src/approval/password-policy.ts'
import { ReltioError } from '../../src/errors.ts'
import { requestsTo, startWorld, type SimWorld } from './sim-setup.ts'

const POLICY = {
  inactivePeriodInDays: 180,
  expirePeriodInDays: 90,
  numberOfFailedLoginAttempts: 5,
  userSessionTimeoutSeconds: 1800,
  passwordRules: [
    { type: '.LengthPRule', min: 12, max: 64 },
    { type: '.HistoryPRule', lastPasswordVerifyCount: 5 }
  ]
}
const PATH = '/oauth/customers/AcmeCorp/passwordPolicy'

let world: SimWorld
afterEach(async () => world.close())

async function policyNow(): Promise<Record<string, unknown>> {
  return world.client.getPasswordPolicy('AcmeCorp')
}

describe('enforcePasswordPolicy (simulator)', () => {
  it('changes inactivePeriodInDays and nothing else', async () => {
    world = await startWorld([], { passwordPolicy: POLICY })
    const before = await policyNow()
    const change = await enforcePasswordPolicy(
      world.client,
      'AcmeCorp',
      90,
      false
    )
    expect(change).toEqual({
      before: 180,
      after: 90,
      changed: true,
      wouldChange: true
    })
    expect(await policyNow()).toEqual({ ...before, inactivePeriodInDays: 90 })
    const [put] = requestsTo(world.sim, 'PUT', PATH)
    expect(put?.body).toEqual({ ...before, inactivePeriodInDays: 90 })
  })

  it('writes nothing when the policy already matches', async () => {
    world = await startWorld([], {
      passwordPolicy: { ...POLICY, inactivePeriodInDays: 90 }
    })
    const change = await enforcePasswordPolicy(
      world.client,
      'AcmeCorp',
      90,
      false
    )
    expect(change).toEqual({
      before: 90,
      after: 90,
      changed: false,
      wouldChange: false
    })
    expect(requestsTo(world.sim, 'PUT', PATH)).toEqual([])
  })

  it('says what it would change on a dry run and writes nothing', async () => {
    world = await startWorld([], { passwordPolicy: POLICY })
    const change = await enforcePasswordPolicy(
      world.client,
      'AcmeCorp',
      90,
      true
    )
    expect(change).toEqual({
      before: 180,
      after: 180,
      changed: false,
      wouldChange: true
    })
    expect(requestsTo(world.sim, 'PUT', PATH)).toEqual([])
  })

  it('throws when the policy read back differs from what was sent', async () => {
    world = await startWorld([], { passwordPolicy: POLICY })
    world.sim.scriptFault({ method: 'PUT', path: PATH, status: 200, body: '' })
    const error = await enforcePasswordPolicy(
      world.client,
      'AcmeCorp',
      90,
      false
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReltioError)
    expect((error as Error).message).toMatch(
      /read back after the PUT, differs from what was sent in: inactivePeriodInDays/
    )
  })

  it('names the missing role when the write is refused', async () => {
    world = await startWorld([], { as: 'readonly', passwordPolicy: POLICY })
    const error = await enforcePasswordPolicy(
      world.client,
      'AcmeCorp',
      90,
      false
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 403 })
    expect((error as Error).message).toMatch(
      /lacks ROLE_ADMIN_CUSTOMER, which setting the password policy needs/
    )
  })
})
