/**
 * The identities every simulator knows: the default OAuth clients of the
 * team contract and the seeded admin who can use the password grant.
 */
import type { ClientConfig } from './types.ts'

/** The ROLE_ADMIN_CUSTOMER client the tests and the demo use. */
export const ADMIN_CLIENT = {
  clientId: 'sim-admin-client',
  clientSecret: 'sim-admin-secret'
}

/** A client that may read but not write (ROLE_USER only). */
export const READONLY_CLIENT = {
  clientId: 'sim-readonly-client',
  clientSecret: 'sim-readonly-secret'
}

/** The password of the seeded admin user (`admin@<customer domain>`). */
export const ADMIN_USER_PASSWORD = 'sim-admin-password'

/** The default clients, acting with the given roles. */
export function defaultClients(): ClientConfig[] {
  return [
    { ...ADMIN_CLIENT, roles: ['ROLE_ADMIN_CUSTOMER', 'ROLE_API'] },
    { ...READONLY_CLIENT, roles: ['ROLE_USER'] }
  ]
}

/** The mail domain of a customer's generated users. */
export function customerDomain(customerId: string): string {
  return `${customerId.toLowerCase().replace(/[^a-z0-9-]/g, '')}.example`
}

/** The seeded admin's username for a customer. */
export function adminUsername(customerId: string): string {
  return `admin@${customerDomain(customerId)}`
}
