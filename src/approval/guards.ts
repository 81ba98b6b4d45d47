/** The limits an approval run checks before its first write to Reltio. */
import { ApprovalError } from '../errors.js'

/** The numbers the guards compare. */
export interface GuardInput {
  approvedCount: number
  /** Enabled users Reltio listed, the base of the percentage. */
  enabledCount: number
  maxDeactivations: number
  maxDeactivationPercent: number
}

/**
 * Throws when the run would deactivate too many users, or when Reltio
 * listed no enabled users at all (an empty list is far likelier a read
 * that went wrong than a customer with nobody in it).
 * @throws ApprovalError naming the input to raise and the numbers.
 */
export function checkGuards(input: GuardInput): void {
  const { approvedCount, enabledCount } = input
  if (enabledCount <= 0) {
    throw new ApprovalError(
      `Reltio listed no enabled users; refusing to deactivate ` +
        `${approvedCount} user(s) on a list that looks wrong. Check that ` +
        `the identity can read the customer's users and run again.`
    )
  }
  if (approvedCount > input.maxDeactivations) {
    throw new ApprovalError(
      `The plan would deactivate ${approvedCount} users, more than ` +
        `max-deactivations (${input.maxDeactivations}). Untick users in the ` +
        `review issue or raise max-deactivations to at least ${approvedCount}.`
    )
  }
  // Compared in whole numbers: 7 / 100 * 100 is 7.000000000000001 in
  // floating point, which would refuse a run sitting exactly on the limit.
  if (approvedCount * 100 > input.maxDeactivationPercent * enabledCount) {
    const percent = (approvedCount / enabledCount) * 100
    throw new ApprovalError(
      `The plan would deactivate ${approvedCount} of ${enabledCount} ` +
        `enabled users (${formatPercent(percent)}%), more than ` +
        `max-deactivation-percent (${input.maxDeactivationPercent}%). Untick ` +
        `users in the review issue or raise max-deactivation-percent to at ` +
        `least ${Math.ceil(percent)}.`
    )
  }
}

function formatPercent(percent: number): string {
  return Number.isInteger(percent) ? String(percent) : percent.toFixed(1)
}
