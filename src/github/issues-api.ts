/**
 * The narrow slice of the GitHub issues API the review issue needs, in
 * plain records, so tests can hand-write a fake and Octokit stays at the edge.
 */

/** An issue (or pull request: listings mix them) as the API returns it. */
export interface IssueRecord {
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  htmlUrl: string
  createdAt: string
  closedAt: string | null
  isPullRequest: boolean
  labels: string[]
  /** Login of the account that opened it. */
  author: string | null
}

/** An issue comment. */
export interface CommentRecord {
  id: number
  body: string | null
  author: string | null
  createdAt: string
}

export type IssueCloseReason = 'completed' | 'not_planned'

/** The GitHub calls the review issue makes, bound to one repository. */
export interface IssuesApi {
  /** One page (1-based) of issues and pull requests carrying `labels`. */
  listForRepo(params: {
    labels?: string
    state: 'open' | 'closed' | 'all'
    sort?: 'created' | 'updated'
    direction?: 'asc' | 'desc'
    since?: string
    page: number
    perPage: number
  }): Promise<IssueRecord[]>
  get(issueNumber: number): Promise<IssueRecord>
  create(params: {
    title: string
    body: string
    labels: string[]
  }): Promise<IssueRecord>
  update(params: {
    issueNumber: number
    title?: string
    body?: string
    state?: 'open' | 'closed'
    stateReason?: IssueCloseReason
  }): Promise<IssueRecord>
  /** One page (1-based) of an issue's comments, oldest first. */
  listComments(params: {
    issueNumber: number
    page: number
    perPage: number
  }): Promise<CommentRecord[]>
  createComment(params: {
    issueNumber: number
    body: string
  }): Promise<CommentRecord>
  updateComment(params: {
    commentId: number
    body: string
  }): Promise<CommentRecord>
  addLabels(params: { issueNumber: number; labels: string[] }): Promise<void>
  /** The label, or null when the repository has none of that name. */
  getLabel(name: string): Promise<{ name: string } | null>
  createLabel(params: {
    name: string
    color: string
    description: string
  }): Promise<void>
}

/** GitHub's advice against secondary rate limits: about a second apart. */
export const DEFAULT_MUTATION_PAUSE_MS = 1000

/**
 * Wraps an API so writes run one at a time with a pause between them, as
 * GitHub asks of content-creating requests; reads pass straight through.
 */
export function serializeMutations(
  api: IssuesApi,
  opts: { pauseMs?: number; sleep?: (ms: number) => Promise<void> } = {}
): IssuesApi {
  const pauseMs = opts.pauseMs ?? DEFAULT_MUTATION_PAUSE_MS
  const sleep = opts.sleep ?? defaultSleep
  let queue: Promise<unknown> = Promise.resolve()
  let hasWritten = false

  const enqueue = <T>(write: () => Promise<T>): Promise<T> => {
    const result = queue.then(async () => {
      if (hasWritten && pauseMs > 0) await sleep(pauseMs)
      hasWritten = true
      return write()
    })
    // A failed write must not block the ones queued behind it.
    queue = result.catch(() => undefined)
    return result
  }

  return {
    listForRepo: (params) => api.listForRepo(params),
    get: (issueNumber) => api.get(issueNumber),
    listComments: (params) => api.listComments(params),
    getLabel: (name) => api.getLabel(name),
    create: (params) => enqueue(() => api.create(params)),
    update: (params) => enqueue(() => api.update(params)),
    createComment: (params) => enqueue(() => api.createComment(params)),
    updateComment: (params) => enqueue(() => api.updateComment(params)),
    addLabels: (params) => enqueue(() => api.addLabels(params)),
    createLabel: (params) => enqueue(() => api.createLabel(params))
  }
}

/** Reads every page of a listing, one after another, until a short page. */
export async function readAllPages<T>(
  readPage: (page: number, perPage: number) => Promise<T[]>,
  perPage = 100
): Promise<T[]> {
  const all: T[] = []
  for (let page = 1; ; page += 1) {
    const items = await readPage(page, perPage)
    all.push(...items)
    if (items.length < perPage) return all
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
