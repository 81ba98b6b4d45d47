import type {
  FakeArtifact,
  FakeIssue,
  FakeLabel,
  FakeUser,
  TokenPermissions
} from './types.ts'

/** Everything the fake remembers about its one repository. */
export interface GitHubState {
  owner: string
  repo: string
  /** Set once the server listens. */
  apiUrl: string
  serverUrl: string
  issues: FakeIssue[]
  /** Listed among issues, as GitHub does, so clients must skip them. */
  pullRequests: FakeIssue[]
  labels: FakeLabel[]
  artifacts: FakeArtifact[]
  /** The user the REST token acts as. */
  tokenUser: FakeUser
  permissions: TokenPermissions
  counters: { issue: number; comment: number; label: number; artifact: number }
}

/** A fresh repository with one open pull request and the default labels. */
export function createState(owner: string, repo: string): GitHubState {
  const state: GitHubState = {
    owner,
    repo,
    apiUrl: '',
    serverUrl: 'https://github.com',
    issues: [],
    pullRequests: [],
    labels: [],
    artifacts: [],
    tokenUser: { login: 'github-actions[bot]' },
    permissions: { issues: 'write', actions: 'read' },
    counters: { issue: 0, comment: 0, label: 0, artifact: 0 }
  }
  for (const name of ['bug', 'documentation', 'enhancement']) {
    ensureLabel(state, name)
  }
  state.pullRequests.push(seedPullRequest(state))
  return state
}

/** The repository label of that name (case-insensitive), created if new. */
export function ensureLabel(state: GitHubState, name: string): FakeLabel {
  const existing = findLabel(state, name)
  if (existing) return existing
  const label: FakeLabel = {
    id: 1000 + ++state.counters.label,
    name,
    color: 'ededed',
    description: null
  }
  state.labels.push(label)
  return label
}

/** The label of that name, ignoring case as GitHub does. */
export function findLabel(
  state: GitHubState,
  name: string
): FakeLabel | undefined {
  const wanted = name.toLowerCase()
  return state.labels.find((l) => l.name.toLowerCase() === wanted)
}

/** Issues and pull requests share one number sequence. */
export function nextIssueNumber(state: GitHubState): number {
  return ++state.counters.issue
}

/** A timestamp in GitHub's format: whole seconds, UTC. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// A pull request carrying the action's default label, so a client that
// forgets to drop `pull_request` items picks it up and its tests fail.
function seedPullRequest(state: GitHubState): FakeIssue {
  const now = timestamp()
  return {
    number: nextIssueNumber(state),
    title: 'Bump the reltio-inactive-users action',
    body: 'Updates the inactive-users workflow.',
    state: 'open',
    state_reason: null,
    labels: [ensureLabel(state, 'inactive-users').name],
    user: { login: 'dependabot[bot]' },
    comments: [],
    created_at: now,
    updated_at: now,
    closed_at: null
  }
}
