/**
 * Reading from Reltio for both kinds of run: connecting, naming the
 * customer and reading its password policy.
 */
import * as core from '@actions/core'
import type { Config } from '../config-types.js'
import { ReltioError, getErrorMessage } from '../errors.js'
import { createReltioClient } from '../reltio/client.js'
import type { RawReltioUser, ReltioApi } from '../reltio/types.js'
import type { PlanPasswordPolicy } from '../report/types.js'

/** Authenticates at once, so bad credentials end the run before anything. */
export async function connectReltio(config: Config): Promise<ReltioApi> {
  return createReltioClient({
    authUrl: config.authUrl,
    tenantUrl: config.tenantUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    username: config.username,
    password: config.password,
    concurrency: config.concurrency,
    onToken: (token) => core.setSecret(token),
    log: { debug: (message) => core.debug(message) }
  })
}

/**
 * The customer the run is about: the `customer-id` input, else the customer
 * most users name (a client sees the users of one customer).
 */
export function resolveCustomerId(
  config: Config,
  users: RawReltioUser[]
): string {
  if (config.customerId) return config.customerId
  const tally = new Map<string, number>()
  for (const user of users) {
    if (user.customer)
      tally.set(user.customer, (tally.get(user.customer) ?? 0) + 1)
  }
  const [top] = [...tally.entries()].sort((a, b) => b[1] - a[1])
  return top?.[0] ?? 'unknown-customer'
}

/** Reads `inactivePeriodInDays`; a policy that cannot be read is reported, not fatal. */
export async function readPasswordPolicy(
  api: ReltioApi,
  config: Config
): Promise<PlanPasswordPolicy> {
  const base = {
    mode: config.passwordPolicy,
    inactivePeriodInDays: null,
    proposedInactivePeriodInDays: null
  }
  if (config.passwordPolicy === 'off') {
    return { ...base, unavailable: 'password-policy is off' }
  }
  if (!config.customerId) {
    return { ...base, unavailable: 'set the customer-id input to read it' }
  }
  try {
    const policy = await api.getPasswordPolicy(config.customerId)
    const current = policy.inactivePeriodInDays ?? null
    return {
      ...base,
      inactivePeriodInDays: current,
      unavailable: null,
      proposedInactivePeriodInDays:
        config.passwordPolicy === 'enforce' && current !== config.inactiveDays
          ? config.inactiveDays
          : null
    }
  } catch (error) {
    // A report is still worth having without the policy; enforce needs it
    // and fails later on the approval run, where it would be written.
    if (config.passwordPolicy === 'enforce') throw error
    const why =
      error instanceof ReltioError && error.status === 403
        ? 'the identity may not read it (needs ROLE_ADMIN_CUSTOMER)'
        : getErrorMessage(error)
    core.warning(`Could not read the password policy: ${why}`)
    return { ...base, unavailable: why }
  }
}
