/**
 * Opens, updates, comments on and closes the review issue of a customer
 * through the narrow {@link IssuesApi}; finding it lives in issue-find.ts.
 */
import type { Plan } from '../report/types.js'
import type { ReviewIssueContext } from './issue-body.js'
import {
  renderNoCandidatesComment,
  renderRetiredComment,
  renderReviewIssue,
  splitComment
} from './issue-body.js'
import {
  type IssueLog,
  type ReviewIssue,
  findReviewIssue,
  readReviewIssue
} from './issue-find.js'
import { type ParsedReviewIssue, parseTaskItems } from './issue-parse.js'
import type {
  CommentRecord,
  IssueCloseReason,
  IssueRecord,
  IssuesApi
} from './issues-api.js'

export {
  CLOSED_ISSUE_WINDOW_DAYS,
  findIssueByPlanId,
  findReviewIssue,
  readReviewIssue
} from './issue-find.js'
export type {
  IssueLog,
  PlanIssue,
  PlanIssueLookup,
  ReviewIssue
} from './issue-find.js'
export type {
  CommentRecord,
  IssueCloseReason,
  IssueRecord,
  IssuesApi
} from './issues-api.js'

/** What {@link upsertReviewIssue} did. */
export interface UpsertResult {
  number: number
  url: string
  created: boolean
  /** True when no candidates remained and the open issue was closed. */
  closed: boolean
}

/** Where the issue points its reader, its labels, and where to log. */
export type UpsertContext = Omit<ReviewIssueContext, 'keep'> & {
  labels: readonly string[]
  log?: IssueLog
}

const LABEL_COLOR = 'fbca04'
const LABEL_DESCRIPTION = 'Review of inactive Reltio users to deactivate'

/**
 * Creates or updates the customer's review issue for a plan, keeping the
 * unticks of users still listed; with no candidates, closes it instead.
 *
 * @returns null when there are no candidates and no open issue.
 */
export async function upsertReviewIssue(
  api: IssuesApi,
  plan: Plan,
  ctx: UpsertContext
): Promise<UpsertResult | null> {
  const found = await findReviewIssue(api, {
    labels: ctx.labels,
    customerId: plan.customerId,
    ...(ctx.log ? { log: ctx.log } : {})
  })
  if (plan.candidates.length === 0) {
    return found ? closeResolvedIssue(api, found, plan, ctx) : null
  }
  return found
    ? updateReviewIssue(api, found.number, plan, ctx)
    : createReviewIssue(api, plan, ctx)
}

/** Comments on an issue, in several comments when the text is too long. */
export async function commentOnIssue(
  api: IssuesApi,
  issueNumber: number,
  body: string
): Promise<CommentRecord[]> {
  const created: CommentRecord[] = []
  for (const part of splitComment(body)) {
    created.push(await api.createComment({ issueNumber, body: part }))
  }
  return created
}

/** Closes an issue with a reason GitHub shows beside it. */
export async function closeIssue(
  api: IssuesApi,
  issueNumber: number,
  reason: IssueCloseReason
): Promise<void> {
  await api.update({ issueNumber, state: 'closed', stateReason: reason })
}

/** Tells whether an API error says the thing to create exists already. */
export function isAlreadyExists(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { status, response } = error as {
    status?: unknown
    response?: { data?: { errors?: unknown } }
  }
  const errors = response?.data?.errors
  return (
    status === 422 &&
    Array.isArray(errors) &&
    errors.some((entry: unknown) => hasCode(entry, 'already_exists'))
  )
}

function hasCode(entry: unknown, code: string): boolean {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (entry as { code?: unknown }).code === code
  )
}

async function createReviewIssue(
  api: IssuesApi,
  plan: Plan,
  ctx: UpsertContext
): Promise<UpsertResult> {
  await ensureLabels(api, ctx.labels)
  const rendered = renderReviewIssue(plan, { ...ctx, keep: new Set() })
  const issue = await api.create({
    title: rendered.title,
    body: rendered.body,
    labels: [...ctx.labels]
  })
  for (const body of rendered.continuations) {
    await api.createComment({ issueNumber: issue.number, body })
  }
  ctx.log?.info?.(`Opened review issue #${issue.number}: ${issue.htmlUrl}`)
  return {
    number: issue.number,
    url: issue.htmlUrl,
    created: true,
    closed: false
  }
}

async function updateReviewIssue(
  api: IssuesApi,
  issueNumber: number,
  plan: Plan,
  ctx: UpsertContext
): Promise<UpsertResult> {
  // Read again right before writing: a reviewer may have unticked users
  // since the listing, and a PATCH would silently undo that.
  const current = await readReviewIssue(api, issueNumber)
  if (current.issue.state === 'closed') return createReviewIssue(api, plan, ctx)
  const keep = keptCandidates(current, plan)
  const rendered = renderReviewIssue(plan, { ...ctx, keep })
  const { issue } = current
  if (!sameText(issue.body, rendered.body) || issue.title !== rendered.title) {
    await api.update({
      issueNumber,
      title: rendered.title,
      body: rendered.body
    })
  }
  await syncContinuations(
    api,
    issueNumber,
    current.ownComments,
    rendered.continuations
  )
  await ensureIssueLabels(api, issue, ctx.labels)
  ctx.log?.info?.(
    `Updated review issue #${issueNumber} (${keep.size} kept by reviewers): ${issue.htmlUrl}`
  )
  return {
    number: issueNumber,
    url: issue.htmlUrl,
    created: false,
    closed: false
  }
}

async function closeResolvedIssue(
  api: IssuesApi,
  found: ReviewIssue,
  plan: Plan,
  ctx: UpsertContext
): Promise<UpsertResult> {
  await commentOnIssue(api, found.number, renderNoCandidatesComment(plan, ctx))
  await closeIssue(api, found.number, 'completed')
  ctx.log?.info?.(
    `No inactive users remain; closed review issue #${found.number}.`
  )
  return { number: found.number, url: found.url, created: false, closed: true }
}

/** Reuses our continuation comments in order, then retires the rest. */
async function syncContinuations(
  api: IssuesApi,
  issueNumber: number,
  own: CommentRecord[],
  wanted: string[]
): Promise<void> {
  for (const [index, body] of wanted.entries()) {
    const existing = own[index]
    if (!existing) {
      await api.createComment({ issueNumber, body })
    } else if (!sameText(existing.body, body)) {
      await api.updateComment({ commentId: existing.id, body })
    }
  }
  const retired = renderRetiredComment()
  for (const comment of own.slice(wanted.length)) {
    if (sameText(comment.body, retired)) continue
    await api.updateComment({ commentId: comment.id, body: retired })
  }
}

// GitHub stores a body edited in its web editor (a ticked box) with CRLF
// line ends; that alone is no reason to write it again.
function sameText(stored: string | null, wanted: string): boolean {
  return (stored ?? '').replace(/\r\n/g, '\n').trimEnd() === wanted.trimEnd()
}

/**
 * The users reviewers unticked who are still candidates. Unticks count from
 * the body and from every continuation of ours, whatever plan it was
 * written for: a run stopped between writing the body and the comments
 * must not lose them, and keeping a user too many is the safe side.
 */
function keptCandidates(
  current: { parsed: ParsedReviewIssue; ownComments: CommentRecord[] },
  plan: Plan
): Set<string> {
  const candidates = new Set(plan.candidates.map((c) => c.username))
  const items = [
    ...current.parsed.items,
    ...current.ownComments.flatMap((c) => parseTaskItems(c.body ?? ''))
  ]
  return new Set(
    items
      .filter((item) => !item.ticked && candidates.has(item.username))
      .map((item) => item.username)
  )
}

async function ensureIssueLabels(
  api: IssuesApi,
  issue: IssueRecord,
  labels: readonly string[]
): Promise<void> {
  const missing = labels.filter((label) => !issue.labels.includes(label))
  if (missing.length === 0) return
  await ensureLabels(api, missing)
  await api.addLabels({ issueNumber: issue.number, labels: missing })
}

async function ensureLabels(
  api: IssuesApi,
  labels: readonly string[]
): Promise<void> {
  for (const name of labels) {
    if (await api.getLabel(name)) continue
    try {
      await api.createLabel({
        name,
        color: LABEL_COLOR,
        description: LABEL_DESCRIPTION
      })
    } catch (error) {
      // Another run may have created it between our read and write.
      if (!isAlreadyExists(error)) throw error
    }
  }
}
