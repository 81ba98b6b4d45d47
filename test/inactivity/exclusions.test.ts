import { describe, expect, it } from 'vitest'
import {
  compileExclusions,
  globToRegExp,
  roleMatches,
  type ExclusionRules
} from '../../src/inactivity/exclusions.ts'
import type { ReltioUser } from '../../src/reltio/schemas.ts'

const NO_RULES: ExclusionRules = {
  selfIdentities: [],
  allowlist: [],
  exclude: [],
  excludeRoles: [],
  excludeGroups: []
}

function user(overrides: Partial<ReltioUser> = {}): ReltioUser {
  return { username: 'jdoe', email: 'jdoe@acme.example', ...overrides }
}

function ruleFor(
  rules: Partial<ExclusionRules>,
  who: ReltioUser
): string | null {
  return compileExclusions({ ...NO_RULES, ...rules })(who)
}

describe('globToRegExp', () => {
  it.each([
    ['svc-*', 'svc-etl', true],
    ['svc-*', 'SVC-ETL', true],
    ['svc-*', 'svc-', true],
    ['svc-*', 'my-svc-etl', false],
    ['*@integration.example.com', 'bot@integration.example.com', true],
    ['*@integration.example.com', 'bot@integrationXexample.com', false],
    ['user?', 'user1', true],
    ['user?', 'user', false],
    ['user?', 'user12', false],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['a+b', 'aab', false],
    ['(x)[y]{2}|^$\\', '(x)[y]{2}|^$\\', true],
    ['jdoe@acme.example', 'JDoe@Acme.Example', true],
    ['jdoe', 'jdoe2', false],
    ['  padded  ', 'padded', true]
  ])('%j matches %j: %s', (glob, text, expected) => {
    expect(globToRegExp(glob).test(text)).toBe(expected)
  })
})

describe('roleMatches', () => {
  it.each([
    ['ROLE_API', 'ROLE_API', true],
    ['role_api', 'ROLE_API', true],
    ['ROLE_ADMIN_TENANT_acmeTenant', 'ROLE_ADMIN_TENANT', true],
    ['ROLE_ADMIN_CUSTOMER_OtherCorp', 'ROLE_ADMIN_CUSTOMER', true],
    ['ROLE_APIX', 'ROLE_API', false],
    ['ROLE_API2', 'ROLE_API', false],
    ['ROLE_AP', 'ROLE_API', false],
    ['ROLE_ADMIN', 'ROLE_ADMIN_TENANT', false],
    ['XROLE_API', 'ROLE_API', false]
  ])('user role %s against excluded %s: %s', (held, excluded, expected) => {
    expect(roleMatches(held, excluded)).toBe(expected)
  })
})

describe('compileExclusions', () => {
  const allowEntry = {
    match: 'ceo@*',
    reason: 'logs in twice a year',
    owner: 'it-security',
    expires: null
  }
  const everything: Partial<ExclusionRules> = {
    selfIdentities: ['jdoe'],
    allowlist: [{ ...allowEntry, match: 'jdoe' }],
    exclude: ['jdoe*'],
    excludeRoles: ['ROLE_API'],
    excludeGroups: ['SERVICE_ACCOUNTS']
  }
  const matchesAll = user({
    groups: ['SERVICE_ACCOUNTS'],
    userPermissions: { roles: { ROLE_API: [] } }
  })

  it.each([
    ["the action's own identity", {}],
    [
      'allowlist: jdoe (owner it-security: logs in twice a year)',
      { selfIdentities: [] }
    ],
    ["exclude pattern 'jdoe*'", { selfIdentities: [], allowlist: [] }],
    ['role ROLE_API', { selfIdentities: [], allowlist: [], exclude: [] }],
    [
      'group SERVICE_ACCOUNTS',
      { selfIdentities: [], allowlist: [], exclude: [], excludeRoles: [] }
    ]
  ])('names %s first when the rules before it are gone', (rule, removed) => {
    expect(ruleFor({ ...everything, ...removed }, matchesAll)).toBe(rule)
  })

  it('returns null when no rule matches', () => {
    const bystander = user({ username: 'alice', email: 'alice@acme.example' })
    expect(ruleFor(everything, bystander)).toBeNull()
  })

  it.each([
    ['username', user({ username: 'svc-etl', email: 'etl@acme.example' })],
    ['email', user({ username: 'etl', email: 'svc-etl@acme.example' })]
  ])('matches an exclude glob on the %s', (_, who) => {
    expect(ruleFor({ exclude: ['SVC-*'] }, who)).toBe("exclude pattern 'SVC-*'")
  })

  it('matches an allowlist glob on the email', () => {
    const ceo = user({ username: 'u123', email: 'CEO@acme.example' })
    expect(ruleFor({ allowlist: [allowEntry] }, ceo)).toBe(
      'allowlist: ceo@* (owner it-security: logs in twice a year)'
    )
  })

  it('names the suffixed form of a role it matched', () => {
    const admin = user({
      userPermissions: {
        roles: { ROLE_USER: [], ROLE_ADMIN_TENANT_t1: ['t1'] }
      }
    })
    expect(ruleFor({ excludeRoles: ['ROLE_ADMIN_TENANT'] }, admin)).toBe(
      'role ROLE_ADMIN_TENANT (as ROLE_ADMIN_TENANT_t1)'
    )
  })

  it('does not take ROLE_APIX for ROLE_API', () => {
    const lookalike = user({ userPermissions: { roles: { ROLE_APIX: [] } } })
    expect(ruleFor({ excludeRoles: ['ROLE_API'] }, lookalike)).toBeNull()
  })

  it('reads roles from the legacy roles array too', () => {
    const legacy = user({ roles: ['ROLE_ADMIN_CUSTOMER', 42] })
    expect(ruleFor({ excludeRoles: ['ROLE_ADMIN_CUSTOMER'] }, legacy)).toBe(
      'role ROLE_ADMIN_CUSTOMER'
    )
  })

  it('reads a legacy roles array of any length', () => {
    const roles = Array.from({ length: 300_000 }, (_, i) => `R${i}`)
    const many = user({ roles: [...roles, 'ROLE_API'] })
    expect(ruleFor({ excludeRoles: ['ROLE_API'] }, many)).toBe('role ROLE_API')
  })

  it('matches groups exactly, ignoring letter case', () => {
    const rules = { excludeGroups: ['SERVICE_ACCOUNTS'] }
    expect(ruleFor(rules, user({ groups: ['service_accounts'] }))).toBe(
      'group service_accounts'
    )
    expect(
      ruleFor(rules, user({ groups: ['SERVICE_ACCOUNTS_OLD'] }))
    ).toBeNull()
  })

  it('tolerates users without email, roles or groups', () => {
    const bare = { username: 'bare', userPermissions: null, groups: null }
    expect(ruleFor(everything, bare)).toBeNull()
  })
})
