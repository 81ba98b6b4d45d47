import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readBody } from '../../src/reltio/responses.ts'
import {
  ReltioUserListSchema,
  ReltioUserSchema
} from '../../src/reltio/schemas.ts'
import { isReltioUser, isReltioUserList } from '../../src/reltio/user-check.ts'

// Every kind of JSON value, so each field meets right and wrong types.
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 3 }),
  fc.constant(''),
  fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), {
    maxLength: 2
  }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.string(), { maxKeys: 2 })
)

const roles = fc.oneof(
  anyJson,
  fc.dictionary(
    fc.string({ maxLength: 3 }),
    fc.oneof(anyJson, fc.array(fc.string(), { maxLength: 2 })),
    { maxKeys: 3 }
  )
)

const permissions = fc.oneof(
  anyJson,
  fc.record({ roles, permissions: anyJson }, { requiredKeys: [] }),
  fc.record({ roles }, { requiredKeys: [] })
)

/** Mostly a value the field takes, sometimes any JSON at all. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: anyJson, weight: 1 }
  )
}

const reltioDate = fc.oneof(fc.integer(), fc.string(), fc.constant(null))
const strings = fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })

// Users that are mostly right, with any field possibly wrong.
const userLike = fc.record(
  {
    username: mostly(fc.string({ minLength: 1 })),
    email: mostly(fc.string()),
    customer: mostly(fc.string()),
    enabled: mostly(fc.boolean()),
    externalUser: mostly(fc.boolean()),
    groups: mostly(fc.oneof(strings, fc.constant(null))),
    userPermissions: permissions,
    lastLoginDate: mostly(reltioDate),
    passwordChangedDate: mostly(reltioDate),
    locale: anyJson
  },
  { requiredKeys: [] }
)

const anyUser = fc.oneof(userLike, anyJson)

describe('isReltioUser', () => {
  it('accepts exactly the users ReltioUserSchema accepts', () => {
    const seen = new Set<boolean>()
    fc.assert(
      fc.property(anyUser, (user) => {
        const json: unknown = JSON.parse(JSON.stringify(user))
        const accepted = ReltioUserSchema.safeParse(json).success
        seen.add(accepted)
        expect(isReltioUser(json)).toBe(accepted)
      }),
      { numRuns: 5000 }
    )
    // The property means something only if both answers came up.
    expect([...seen].sort()).toEqual([false, true])
  })

  it('accepts a whole user as Reltio sends it', () => {
    expect(
      isReltioUser({
        username: 'a@x.com',
        email: 'a@x.com',
        enabled: true,
        groups: [],
        userPermissions: { roles: { ROLE_USER: ['t1'] }, permissions: {} },
        lastLoginDate: 1_700_000_000_000,
        passwordChangedDate: null,
        dbUserId: 7
      })
    ).toBe(true)
  })

  it('refuses a user without a username or with an empty one', () => {
    expect(isReltioUser({ email: 'a@x.com' })).toBe(false)
    expect(isReltioUser({ username: '' })).toBe(false)
  })
})

describe('isReltioUserList', () => {
  it('agrees with ReltioUserListSchema on lists', () => {
    fc.assert(
      fc.property(fc.array(anyUser, { maxLength: 4 }), (users) => {
        const json: unknown = JSON.parse(JSON.stringify(users))
        expect(isReltioUserList(json)).toBe(
          ReltioUserListSchema.safeParse(json).success
        )
      }),
      { numRuns: 2000 }
    )
  })

  it('refuses an object holding the list', () => {
    expect(isReltioUserList({ users: [] })).toBe(false)
  })
})

describe('readBody with a fast check', () => {
  const answer = (text: string) => ({
    status: 200,
    headers: {},
    text,
    endpoint: 'GET /oauth/users'
  })

  it('returns the original list when the check accepts it', () => {
    const text = '[{"username":"a","extra":{"deep":[1]}}]'
    const users = readBody(answer(text), ReltioUserListSchema, {
      keepOriginal: true,
      accepts: isReltioUserList
    })
    expect(users).toStrictEqual(JSON.parse(text))
  })

  it("names the field with zod's words when the check refuses", () => {
    const text = JSON.stringify([
      { username: 'a' },
      { username: 'b', enabled: 'yes' }
    ])
    expect(() =>
      readBody(answer(text), ReltioUserListSchema, {
        keepOriginal: true,
        accepts: isReltioUserList
      })
    ).toThrow(
      'Reltio answered GET /oauth/users with an unexpected body: field [1].enabled: Invalid input: expected boolean, received string'
    )
  })

  it('still runs the schema when the original is not wanted', () => {
    let asked = 0
    const accepts = (): boolean => {
      asked++
      return true
    }
    expect(() =>
      readBody(answer('[{}]'), ReltioUserListSchema, { accepts })
    ).toThrow('field [0].username')
    expect(asked).toBe(0)
  })
})
