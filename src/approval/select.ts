/**
 * Which plan candidates an approval run may deactivate: the downloaded plan
 * is the source of truth and the review issue can only narrow it.
 */
import type { Plan, PlanCandidate } from '../report/types.js'

/** One task-list item read back from the review issue. */
export interface IssueItem {
  username: string
  ticked: boolean
}

/** The approved set and what the issue said about everyone else. */
export interface Selection {
  /** Plan candidates still ticked, in plan order. */
  approved: PlanCandidate[]
  /** Plan candidates a reviewer unticked. */
  keptByReviewers: string[]
  /** Plan candidates the issue does not list at all (not approved). */
  missingFromIssue: string[]
  /** Issue items that name no plan candidate; never acted on. */
  ignoredNotInPlan: string[]
}

/**
 * Narrows the plan's candidates to those still ticked in the review issue;
 * with no issue (`issue: false`) every candidate is approved.
 *
 * A candidate the issue does not list is not approved: nobody was shown it
 * (a continuation comment deleted, a body edited by hand), and nothing is
 * written to Reltio unless a person approved it.
 */
export function selectApproved(
  plan: Plan,
  issueItems: IssueItem[] | null
): Selection {
  if (issueItems === null) {
    return {
      approved: [...plan.candidates],
      keptByReviewers: [],
      missingFromIssue: [],
      ignoredNotInPlan: []
    }
  }
  const resolve = candidateResolver(plan.candidates)
  const ticks = new Map<string, boolean[]>()
  const ignoredNotInPlan: string[] = []
  for (const item of issueItems) {
    const username = resolve(item.username)
    if (username === null) ignoredNotInPlan.push(item.username)
    else ticks.set(username, [...(ticks.get(username) ?? []), item.ticked])
  }
  return { ...splitByTicks(plan.candidates, ticks), ignoredNotInPlan }
}

function splitByTicks(
  candidates: PlanCandidate[],
  ticks: Map<string, boolean[]>
): Omit<Selection, 'ignoredNotInPlan'> {
  const approved: PlanCandidate[] = []
  const keptByReviewers: string[] = []
  const missingFromIssue: string[] = []
  for (const candidate of candidates) {
    const marks = ticks.get(candidate.username)
    if (marks === undefined) missingFromIssue.push(candidate.username)
    // A user listed twice is approved only if every listing is ticked:
    // one unticked box is a reviewer asking to keep the user.
    else if (marks.every(Boolean)) approved.push(candidate)
    else keptByReviewers.push(candidate.username)
  }
  return { approved, keptByReviewers, missingFromIssue }
}

/**
 * Maps an issue item's text to the plan username it names, or null.
 *
 * Reltio treats usernames as case-insensitive emails, and a person editing
 * the issue may change the case, so a case-only difference still names the
 * candidate. An exact match wins; the lower-case match is used only when it
 * names exactly one candidate, so an item can never reach a different user.
 */
function candidateResolver(
  candidates: PlanCandidate[]
): (text: string) => string | null {
  const exact = new Set(candidates.map((c) => c.username))
  const byLowerCase = new Map<string, string[]>()
  for (const { username } of candidates) {
    const key = username.toLowerCase()
    byLowerCase.set(key, [...(byLowerCase.get(key) ?? []), username])
  }
  return (text) => {
    const username = text.trim()
    if (exact.has(username)) return username
    const [only, ...others] = byLowerCase.get(username.toLowerCase()) ?? []
    return others.length === 0 ? (only ?? null) : null
  }
}
