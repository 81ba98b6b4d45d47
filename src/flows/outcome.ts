/** What a run hands back to `main`: its outputs and, when red, why. */
export interface RunOutcome {
  outputs: Record<string, string | number>
  /** Set when the run must end red although it finished its work. */
  failure: string | null
}

/** The artifact of one customer and run attempt; names must be unique per attempt. */
export function artifactNameFor(
  prefix: string,
  customerId: string,
  attempt: number
): string {
  return `${artifactPrefixFor(prefix, customerId)}-${attempt}`
}

/**
 * The name of a customer's artifacts without the attempt: what a later run
 * looks for, since it cannot know which attempt of the run uploaded last.
 * Without a customer it is the bare prefix.
 */
export function artifactPrefixFor(
  prefix: string,
  customerId: string | null
): string {
  if (customerId === null) return prefix
  // GitHub refuses these characters in artifact names.
  const safeCustomer = customerId.replace(/["':<>|*?\r\n\\/]/g, '_')
  return `${prefix}-${safeCustomer}`
}

/** Approval runs upload their results and rollback file under this prefix. */
export function approvalArtifactPrefix(prefix: string): string {
  return `${prefix}-approval`
}
