/**
 * Finds review issues by their first label and the hidden marker in their
 * body, never by search, and reads them afresh with their task items.
 */
import {
  type ParsedReviewIssue,
  type ReviewIssueMarker,
  type ReviewItem,
  parseOwnComment,
  parseReviewIssue,
  parseReviewMarker
} from './issue-parse.js'
import type { CommentRecord, IssueRecord, IssuesApi } from './issues-api.js'
import { readAllPages } from './issues-api.js'

/** An issue whose body carries our marker. */
export interface ReviewIssue {
  number: number
  url: string
  state: 'open' | 'closed'
  title: string
  body: string
  marker: ReviewIssueMarker
  createdAt: string
  closedAt: string | null
  labels: string[]
  author: string | null
}

/** The review issue of a plan, with its task items read just now. */
export interface PlanIssue extends ReviewIssue {
  /** The report run named by the marker (the artifact to download). */
  runId: string | null
  items: ReviewItem[]
}

/** Where logging goes; `core` in the action, a recorder in tests. */
export interface IssueLog {
  warning(message: string): void
  info?(message: string): void
}

/** How far back an approval looks for a review issue already closed. */
export const CLOSED_ISSUE_WINDOW_DAYS = 90

const DAY_MS = 24 * 60 * 60 * 1000

/** Finds the open review issue of a customer; the newest when several. */
export async function findReviewIssue(
  api: IssuesApi,
  opts: { labels: readonly string[]; customerId: string; log?: IssueLog }
): Promise<ReviewIssue | null> {
  const open = await listReviewIssues(api, opts.labels, { state: 'open' })
  const mine = newestFirst(
    open.filter((issue) => issue.marker.customerId === opts.customerId)
  )
  const [newest, ...others] = mine
  if (newest && others.length > 0) {
    const numbers = mine.map((issue) => `#${issue.number}`).join(', ')
    opts.log?.warning(
      `Found ${mine.length} open review issues for customer ${opts.customerId} (${numbers}); using the newest, #${newest.number}. Close the others.`
    )
  }
  return newest ?? null
}

/** What {@link findIssueByPlanId} found. */
export interface PlanIssueLookup {
  /** The issue whose marker names the plan, or null. */
  issue: PlanIssue | null
  /** The customer's open review issue now, which may name another plan. */
  current: ReviewIssue | null
  currentPlanId: string | null
  currentIssueNumber: number | null
}

/**
 * Finds the open or recently closed review issue whose marker names
 * `planId`, read afresh with its items, and the customer's current open one.
 * The customer is `customerId`, else the found issue's, else the only
 * customer with an open review issue.
 */
export async function findIssueByPlanId(
  api: IssuesApi,
  opts: {
    labels: readonly string[]
    planId: string
    /** The run's clock; closed issues count back from it. */
    now?: Date
    customerId?: string
    closedWithinDays?: number
  }
): Promise<PlanIssueLookup> {
  const open = await listReviewIssues(api, opts.labels, { state: 'open' })
  const isPlan = (issue: ReviewIssue) => issue.marker.planId === opts.planId
  const match =
    newestFirst(open.filter(isPlan))[0] ??
    (await findClosedPlanIssue(api, opts, isPlan))
  const customerId =
    opts.customerId ?? match?.marker.customerId ?? soleCustomer(open)
  const current =
    newestFirst(open.filter((i) => i.marker.customerId === customerId))[0] ??
    null
  const lookup = {
    current,
    currentPlanId: current?.marker.planId ?? null,
    currentIssueNumber: current?.number ?? null
  }
  if (!match) return { issue: null, ...lookup }

  // Re-read: the listing may be seconds old and ticks are last-write-wins.
  const fresh = await readReviewIssue(api, match.number)
  const issue = toReviewIssue(fresh.issue, fresh.parsed.marker)
  if (!issue || !isPlan(issue)) return { issue: null, ...lookup }
  const items = fresh.parsed.items
  return { issue: { ...issue, runId: issue.marker.runId, items }, ...lookup }
}

/** Reads an issue and its comments, and parses them as a review issue. */
export async function readReviewIssue(
  api: IssuesApi,
  issueNumber: number
): Promise<{
  issue: IssueRecord
  ownComments: CommentRecord[]
  parsed: ParsedReviewIssue
}> {
  const issue = await api.get(issueNumber)
  const comments = await readAllPages((page, perPage) =>
    api.listComments({ issueNumber, page, perPage })
  )
  // Only the account that wrote the issue writes continuations; a comment
  // by anyone else that copies our marker is ignored.
  const ownComments = comments.filter(
    (comment) =>
      (issue.author === null || comment.author === issue.author) &&
      parseOwnComment(comment.body ?? '') !== null
  )
  const parsed = parseReviewIssue(
    issue.body ?? '',
    ownComments.map((comment) => comment.body ?? '')
  )
  return { issue, ownComments, parsed }
}

async function findClosedPlanIssue(
  api: IssuesApi,
  opts: { labels: readonly string[]; now?: Date; closedWithinDays?: number },
  isPlan: (issue: ReviewIssue) => boolean
): Promise<ReviewIssue | null> {
  const days = opts.closedWithinDays ?? CLOSED_ISSUE_WINDOW_DAYS
  const now = opts.now ?? new Date()
  const since = new Date(now.getTime() - days * DAY_MS).toISOString()
  const closed = await listReviewIssues(api, opts.labels, {
    state: 'closed',
    since,
    sort: 'updated',
    direction: 'desc'
  })
  const cutoff = Date.parse(since)
  const recent = closed.filter(
    (issue) =>
      isPlan(issue) &&
      (issue.closedAt === null || Date.parse(issue.closedAt) >= cutoff)
  )
  return newestFirst(recent)[0] ?? null
}

async function listReviewIssues(
  api: IssuesApi,
  labels: readonly string[],
  query: {
    state: 'open' | 'closed'
    since?: string
    sort?: 'created' | 'updated'
    direction?: 'asc' | 'desc'
  }
): Promise<ReviewIssue[]> {
  const label = labels[0]
  const issues = await readAllPages((page, perPage) =>
    api.listForRepo({
      ...query,
      ...(label ? { labels: label } : {}),
      page,
      perPage
    })
  )
  return issues.flatMap((issue) => {
    if (issue.isPullRequest) return []
    const reviewIssue = toReviewIssue(
      issue,
      parseReviewMarker(issue.body ?? '')
    )
    return reviewIssue ? [reviewIssue] : []
  })
}

function toReviewIssue(
  issue: IssueRecord,
  marker: ReviewIssueMarker | null
): ReviewIssue | null {
  if (!marker) return null
  return {
    number: issue.number,
    url: issue.htmlUrl,
    state: issue.state,
    title: issue.title,
    body: issue.body ?? '',
    marker,
    createdAt: issue.createdAt,
    closedAt: issue.closedAt,
    labels: issue.labels,
    author: issue.author
  }
}

function newestFirst(issues: ReviewIssue[]): ReviewIssue[] {
  return [...issues].sort(
    (a, b) =>
      Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.number - a.number
  )
}

/** The one customer all open review issues belong to, if there is one. */
function soleCustomer(open: ReviewIssue[]): string | null {
  const customers = new Set(open.map((issue) => issue.marker.customerId))
  return customers.size === 1 ? ([...customers][0] ?? null) : null
}
