/**
 * `password-policy: enforce` on an approval run: set the customer's
 * `inactivePeriodInDays` to `inactive-days`, the same read-modify-write way.
 */
import { ReltioError } from '../errors.js'
import type { ReltioApi } from '../reltio/types.js'
import { differingFields, isForbidden } from './write.js'

/** `inactivePeriodInDays` before and after, and whether it was changed. */
export interface PolicyEnforcement {
  before: number | null
  /** As Reltio holds it after the run (unchanged on a dry run). */
  after: number | null
  changed: boolean
  /** The value differs from `inactive-days`, so a write was (or would be) due. */
  wouldChange: boolean
}

/**
 * Reads the password policy, changes `inactivePeriodInDays` alone, writes
 * the whole policy back and verifies it by reading again.
 * @throws ReltioError when the write is refused or does not read back.
 */
export async function enforcePasswordPolicy(
  api: ReltioApi,
  customerId: string,
  inactiveDays: number,
  dryRun: boolean
): Promise<PolicyEnforcement> {
  const policy = await api.getPasswordPolicy(customerId)
  const before = policy.inactivePeriodInDays ?? null
  if (before === inactiveDays) {
    return { before, after: before, changed: false, wouldChange: false }
  }
  if (dryRun)
    return { before, after: before, changed: false, wouldChange: true }

  const endpoint = `PUT /oauth/customers/${customerId}/passwordPolicy`
  const sent = structuredClone(policy)
  sent.inactivePeriodInDays = inactiveDays
  try {
    await api.putPasswordPolicy(customerId, sent)
  } catch (error) {
    if (!isForbidden(error)) throw error
    throw new ReltioError(
      `Reltio answered 403 to ${endpoint}: the identity "${api.identity}" ` +
        `lacks ROLE_ADMIN_CUSTOMER, which setting the password policy needs. ` +
        `Grant it, or set password-policy to report.`,
      { status: 403, endpoint }
    )
  }
  const reread = await api.getPasswordPolicy(customerId)
  const differing = differingFields(sent, reread)
  if (differing.length > 0) {
    throw new ReltioError(
      `The password policy of ${customerId}, read back after the PUT, ` +
        `differs from what was sent in: ${differing.join(', ')}. Check it ` +
        `in the Reltio Console.`,
      { endpoint }
    )
  }
  return {
    before,
    after: reread.inactivePeriodInDays ?? null,
    changed: true,
    wouldChange: true
  }
}
