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
  // GitHub refuses these characters in artifact names.
  const safeCustomer = customerId.replace(/["':<>|*?\r\n\\/]/g, '_')
  return `${prefix}-${safeCustomer}-${attempt}`
}
