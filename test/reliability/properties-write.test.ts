/**
 * Invariant 4 as a property: for arbitrary user objects (unknown and
 * nested fields, unicode, odd dates, keys like `__proto__`), the PUT that
 * deactivates a user carries the object exactly as read with only
 * `enabled` changed, and Reltio ends up holding just that.
 * deactivateApproved drives the real client against the simulator.
 */
import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deactivateApproved } from '../../src/approval/deactivate.ts'
import {
  createReltioClient,
  type ReltioClient
} from '../../src/reltio/client.ts'
import type { RawReltioUser } from '../../src/reltio/types.ts'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { DAY_MS, NOW, candidate, settings } from '../approval/helpers.ts'
import { clientOptions } from '../support/reltio-sim.ts'
import { userPath } from './helpers.ts'

// Fields the generator sets itself; extra fields never overwrite them.
const OWN_FIELDS = new Set([
  'username',
  'email',
  'customer',
  'enabled',
  'groups',
  'userPermissions',
  'lastLoginDate',
  'passwordChangedDate'
])

const text = fc.string({ unit: 'grapheme', maxLength: 12 })
const fieldName = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'Enabled',
      'enabled ',
      'ENABLED',
      '',
      '\u202e'
    )
  )
  .filter((name) => !OWN_FIELDS.has(name))

/** Dates as Reltio and people write them, sane or not. */
const oddDate = fc.oneof(
  fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    null,
    '',
    '2025-02-30T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '1970-01-01T00:00:00+14:00',
    '2024-06-01',
    '1717200000',
    'yesterday'
  )
)

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  oddDate,
  fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
)

/** An old last login in either form Reltio may use (since 2000: earlier
 * numbers are read as a unit mistake and never acted on). */
const oldLogin = fc
  .integer({ min: 91, max: 9_000 })
  .chain((days) =>
    fc.constantFrom(
      NOW.getTime() - days * DAY_MS,
      new Date(NOW.getTime() - days * DAY_MS).toISOString()
    )
  )

const userShape = fc.record({
  name: text,
  extra: fc.dictionary(fieldName, anyValue, { maxKeys: 8 }),
  lastLoginDate: oldLogin,
  passwordChangedDate: fc.oneof(
    fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }),
    fc.string({ maxLength: 30 }),
    fc.constant(null)
  ),
  groups: fc.array(
    fc.oneof(text, fc.constantFrom('SALES', 'ÜBERSEE', 'ventas-méxico')),
    { maxLength: 3 }
  ),
  permissions: fc.dictionary(fieldName, fc.jsonValue({ maxDepth: 3 }), {
    maxKeys: 3
  }),
  roleTenants: fc.array(text, { maxLength: 3 })
})

type UserShape = typeof userShape extends fc.Arbitrary<infer T> ? T : never

let serial = 0

/** A candidate user: enabled, idle, excluded by no rule, any extra data. */
function buildUser(shape: UserShape): RawReltioUser {
  serial += 1
  // The serial keeps usernames and emails unique across runs.
  const username = `u${serial}-${shape.name}`
  return {
    ...shape.extra,
    username,
    email: `e${serial}-${shape.name}@example.com`,
    customer: 'AcmeCorp',
    enabled: true,
    groups: shape.groups.filter((g) => g.toUpperCase() !== 'SERVICE_ACCOUNTS'),
    userPermissions: {
      roles: { ROLE_USER: shape.roleTenants },
      permissions: shape.permissions
    },
    lastLoginDate: shape.lastLoginDate,
    passwordChangedDate: shape.passwordChangedDate
  }
}

/** What Reltio serves for an object: its JSON, parsed again. */
function asServed(user: Record<string, unknown>): RawReltioUser {
  return JSON.parse(JSON.stringify(user)) as RawReltioUser
}

describe('the PUT of a deactivation (property)', () => {
  let sim: ReltioSimulator
  let client: ReltioClient

  beforeAll(async () => {
    sim = await startReltioSimulator({ users: [], now: NOW })
    client = await createReltioClient(clientOptions(sim, { concurrency: 2 }))
  })
  afterAll(async () => {
    await client.close()
    await sim.close()
  })

  it('sends any user back exactly as read except enabled', async () => {
    await fc.assert(
      fc.asyncProperty(userShape, async (shape) => {
        const user = buildUser(shape)
        sim.users.set(user.username, structuredClone(user))
        const read = asServed(user)
        const firstNew = sim.requests.length

        const [result] = await deactivateApproved(
          client,
          [candidate(user.username)],
          { now: NOW, settings: settings(), concurrency: 1, dryRun: false }
        )

        const puts = sim.requests
          .slice(firstNew)
          .filter(
            (r) => r.method === 'PUT' && r.path === userPath(user.username)
          )
        expect(result?.outcome).toBe('deactivated')
        expect(puts).toHaveLength(1)
        const expected = { ...read, enabled: false }
        expect(isDeepStrictEqual(puts[0]?.body, expected)).toBe(true)
        expect(
          isDeepStrictEqual(asServed(sim.users.get(user.username)!), expected)
        ).toBe(true)
        // The rollback file's copy is the object as read, not as written.
        expect(isDeepStrictEqual(result?.before, read)).toBe(true)
      }),
      { numRuns: 150 }
    )
  })

  it('keeps a __proto__ field as data on the way through', async () => {
    const user = buildUser({
      name: 'proto',
      extra: JSON.parse(
        '{"__proto__": {"polluted": true}, "nested": {"__proto__": [1]}}'
      ),
      lastLoginDate: NOW.getTime() - 200 * DAY_MS,
      passwordChangedDate: null,
      groups: [],
      permissions: {},
      roleTenants: []
    })
    sim.users.set(user.username, structuredClone(user))
    await deactivateApproved(client, [candidate(user.username)], {
      now: NOW,
      settings: settings(),
      concurrency: 1,
      dryRun: false
    })
    const put = sim.requests.findLast((r) => r.method === 'PUT')
    expect(Object.keys(put?.body as object)).toContain('__proto__')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(
      isDeepStrictEqual(put?.body, { ...asServed(user), enabled: false })
    ).toBe(true)
  })
})
