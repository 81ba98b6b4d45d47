/**
 * A plain enabled ROLE_USER of the shape Reltio returns, for tests and
 * benchmarks that need users with known dates rather than a seeded mix.
 */
import type { SimUser } from './types.ts'

/** The user `username` (also its email); `fields` override or add fields. */
export function plainUser(
  username: string,
  fields: Record<string, unknown> = {}
): SimUser {
  return {
    customer: 'AcmeCorp',
    username,
    email: username,
    enabled: true,
    accountNonExpired: true,
    credentialsNonExpired: true,
    accountNonLocked: true,
    externalUser: false,
    locale: 'en',
    timezone: 'UTC',
    userPermissions: {
      roles: { ROLE_USER: ['acmeTenant'] },
      permissions: {},
      permissionsByService: {}
    },
    groups: [],
    numberFailedLoginAttempts: 0,
    ...fields
  }
}
