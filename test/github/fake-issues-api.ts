import type {
  CommentRecord,
  IssueRecord,
  IssuesApi
} from '../../src/github/issues-api.ts'

/** The account GITHUB_TOKEN writes as. */
export const BOT = 'github-actions[bot]'

interface StoredIssue extends IssueRecord {
  updatedAt: string
  stateReason: string | null
}

interface StoredComment extends CommentRecord {
  issueNumber: number
}

/** An error shaped like Octokit's RequestError, as GitHub would answer. */
export function apiError(
  status: number,
  message: string,
  errors: Array<{ code: string }> = []
): Error {
  return Object.assign(new Error(message), {
    status,
    response: { status, headers: {}, data: { message, errors } }
  })
}

/**
 * An in-memory GitHub issues API for one repository. It keeps GitHub's
 * rules that matter here: pagination, label filters, pull requests mixed
 * into listings, the 65,536-character body limit and duplicate labels.
 */
export class FakeIssuesApi implements IssuesApi {
  issues = new Map<number, StoredIssue>()
  comments: StoredComment[] = []
  labels = new Set<string>()
  /** Every call by name, writes and reads, in order. */
  calls: string[] = []
  /** Runs inside `get`, before it answers: a reviewer editing meanwhile. */
  beforeGet: ((issueNumber: number) => void) | null = null
  /** Makes `createLabel` fail as if another run created the label first. */
  labelRace = false
  private clock = Date.parse('2026-04-01T00:00:00Z')
  private nextNumber = 1
  private nextCommentId = 1000

  /** Seeds an issue (or pull request) as if someone opened it earlier. */
  seedIssue(fields: Partial<StoredIssue> & { body: string }): StoredIssue {
    const now = this.tick()
    const issue: StoredIssue = {
      number: this.nextNumber++,
      title: 'Inactive Reltio users: AcmeCorp',
      state: 'open',
      htmlUrl: '',
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      isPullRequest: false,
      labels: ['inactive-users'],
      author: BOT,
      stateReason: null,
      ...fields
    }
    issue.htmlUrl = `https://github.com/acme/ops/issues/${issue.number}`
    this.issues.set(issue.number, issue)
    return issue
  }

  /** Seeds a comment by `author` (the bot unless said otherwise). */
  seedComment(issueNumber: number, body: string, author = BOT): StoredComment {
    const comment = {
      id: this.nextCommentId++,
      issueNumber,
      body,
      author,
      createdAt: this.tick()
    }
    this.comments.push(comment)
    return comment
  }

  /** The comments of one issue, oldest first. */
  commentsOf(issueNumber: number): StoredComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber)
  }

  /** How many calls of these names were made. */
  count(...names: string[]): number {
    return this.calls.filter((call) => names.includes(call)).length
  }

  async listForRepo(
    params: Parameters<IssuesApi['listForRepo']>[0]
  ): Promise<IssueRecord[]> {
    this.calls.push('listForRepo')
    const wanted = params.labels ? params.labels.split(',') : []
    const since = params.since ? Date.parse(params.since) : -Infinity
    const key = params.sort === 'updated' ? 'updatedAt' : 'createdAt'
    const sign = params.direction === 'asc' ? 1 : -1
    const matching = [...this.issues.values()]
      .filter((i) => params.state === 'all' || i.state === params.state)
      .filter((i) => wanted.every((label) => i.labels.includes(label)))
      .filter((i) => Date.parse(i.updatedAt) >= since)
      .sort((a, b) => sign * (Date.parse(a[key]) - Date.parse(b[key])))
    const start = (params.page - 1) * params.perPage
    return matching.slice(start, start + params.perPage).map(copy)
  }

  async get(issueNumber: number): Promise<IssueRecord> {
    this.calls.push('get')
    this.beforeGet?.(issueNumber)
    return copy(this.mustFind(issueNumber))
  }

  async create(params: {
    title: string
    body: string
    labels: string[]
  }): Promise<IssueRecord> {
    this.calls.push('create')
    checkBody(params.body)
    for (const label of params.labels) this.labels.add(label)
    return copy(this.seedIssue({ ...params }))
  }

  async update(
    params: Parameters<IssuesApi['update']>[0]
  ): Promise<IssueRecord> {
    this.calls.push('update')
    const issue = this.mustFind(params.issueNumber)
    if (params.body !== undefined) checkBody(params.body)
    if (params.title !== undefined) issue.title = params.title
    if (params.body !== undefined) issue.body = params.body
    if (params.state) {
      issue.state = params.state
      issue.closedAt = params.state === 'closed' ? this.tick() : null
    }
    if (params.stateReason) issue.stateReason = params.stateReason
    issue.updatedAt = this.tick()
    return copy(issue)
  }

  async listComments(params: {
    issueNumber: number
    page: number
    perPage: number
  }): Promise<CommentRecord[]> {
    this.calls.push('listComments')
    this.mustFind(params.issueNumber)
    const start = (params.page - 1) * params.perPage
    return this.commentsOf(params.issueNumber)
      .slice(start, start + params.perPage)
      .map(({ issueNumber: _, ...comment }) => comment)
  }

  async createComment(params: {
    issueNumber: number
    body: string
  }): Promise<CommentRecord> {
    this.calls.push('createComment')
    this.mustFind(params.issueNumber)
    checkBody(params.body)
    const { issueNumber: _, ...comment } = this.seedComment(
      params.issueNumber,
      params.body
    )
    return comment
  }

  async updateComment(params: {
    commentId: number
    body: string
  }): Promise<CommentRecord> {
    this.calls.push('updateComment')
    checkBody(params.body)
    const comment = this.comments.find((c) => c.id === params.commentId)
    if (!comment) throw apiError(404, 'Not Found')
    comment.body = params.body
    const { issueNumber: _, ...result } = comment
    return result
  }

  async addLabels(params: {
    issueNumber: number
    labels: string[]
  }): Promise<void> {
    this.calls.push('addLabels')
    const issue = this.mustFind(params.issueNumber)
    issue.labels = [...new Set([...issue.labels, ...params.labels])]
  }

  async getLabel(name: string): Promise<{ name: string } | null> {
    this.calls.push('getLabel')
    return this.labels.has(name) ? { name } : null
  }

  async createLabel(params: { name: string }): Promise<void> {
    this.calls.push('createLabel')
    if (this.labels.has(params.name) || this.labelRace) {
      this.labels.add(params.name)
      throw apiError(422, 'Validation Failed', [{ code: 'already_exists' }])
    }
    this.labels.add(params.name)
  }

  private mustFind(issueNumber: number): StoredIssue {
    const issue = this.issues.get(issueNumber)
    if (!issue) throw apiError(404, 'Not Found')
    return issue
  }

  // Each event gets its own minute, so "newest" is always well defined.
  private tick(): string {
    this.clock += 60_000
    return new Date(this.clock).toISOString()
  }
}

function checkBody(body: string): void {
  if (body.length > 65_536) {
    throw apiError(422, 'body is too long (maximum is 65536 characters)')
  }
}

function copy<T extends object>(record: T): T {
  return structuredClone(record)
}
