/**
 * The JSON shapes GitHub's REST API returns for the fake's records, with the
 * fields the published description marks as required.
 */
import { createHash } from 'node:crypto'
import { findLabel, type GitHubState } from './state.ts'
import type {
  FakeArtifact,
  FakeComment,
  FakeIssue,
  FakeLabel,
  FakeUser
} from './types.ts'

/** An issue (or pull request) as `GET /repos/{o}/{r}/issues/{n}` returns it. */
export function renderIssue(
  state: GitHubState,
  issue: FakeIssue,
  isPullRequest = false
): Record<string, unknown> {
  const repoApi = `${state.apiUrl}/repos/${state.owner}/${state.repo}`
  const url = `${repoApi}/issues/${issue.number}`
  const htmlKind = isPullRequest ? 'pull' : 'issues'
  const rendered: Record<string, unknown> = {
    id: stableId(`issue:${issue.number}`),
    node_id: nodeId('I_kwDO', issue.number),
    url,
    repository_url: repoApi,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repoHtml(state)}/${htmlKind}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: renderUser(state, issue.user),
    labels: issue.labels.map((name) =>
      renderLabel(state, findLabel(state, name) ?? orphanLabel(name))
    ),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: issue.comments.length,
    closed_at: issue.closed_at,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    author_association: 'NONE',
    timeline_url: `${url}/timeline`
  }
  if (isPullRequest)
    rendered.pull_request = renderPullRequestLinks(state, issue)
  return rendered
}

/** A comment as the issue comment routes return it. */
export function renderComment(
  state: GitHubState,
  issueNumber: number,
  comment: FakeComment
): Record<string, unknown> {
  const repoApi = `${state.apiUrl}/repos/${state.owner}/${state.repo}`
  return {
    id: comment.id,
    node_id: nodeId('IC_kwDO', comment.id),
    url: `${repoApi}/issues/comments/${comment.id}`,
    html_url: `${repoHtml(state)}/issues/${issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi}/issues/${issueNumber}`,
    body: comment.body,
    user: renderUser(state, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE'
  }
}

/** A repository label. */
export function renderLabel(
  state: GitHubState,
  label: FakeLabel
): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA_kwDO', label.id),
    url: `${state.apiUrl}/repos/${state.owner}/${state.repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false
  }
}

/** An artifact as the run artifact list returns it. */
export function renderArtifact(
  state: GitHubState,
  artifact: FakeArtifact,
  now: Date
): Record<string, unknown> {
  const url = `${state.apiUrl}/repos/${state.owner}/${state.repo}/actions/artifacts/${artifact.id}`
  return {
    id: artifact.id,
    node_id: nodeId('MDg6QXJ0aWZhY3Q', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: isExpired(artifact, now),
    created_at: artifact.createdAt,
    expires_at: artifact.expiresAt,
    updated_at: artifact.createdAt,
    digest: artifact.digest,
    workflow_run: {
      id: artifact.runId,
      repository_id: stableId(`repo:${state.owner}/${state.repo}`),
      head_repository_id: stableId(`repo:${state.owner}/${state.repo}`),
      head_branch: 'main',
      head_sha: createHash('sha1').update(String(artifact.runId)).digest('hex')
    }
  }
}

/** Whether an artifact's retention has run out. */
export function isExpired(artifact: FakeArtifact, now: Date): boolean {
  return (
    artifact.expiresAt !== null &&
    Date.parse(artifact.expiresAt) <= now.getTime()
  )
}

function renderUser(
  state: GitHubState,
  user: FakeUser
): Record<string, unknown> {
  const api = `${state.apiUrl}/users/${encodeURIComponent(user.login)}`
  return {
    login: user.login,
    id: stableId(`user:${user.login}`),
    node_id: nodeId('U_kgDO', stableId(`user:${user.login}`)),
    avatar_url: `https://avatars.githubusercontent.com/u/${stableId(`user:${user.login}`)}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${state.serverUrl}/${encodeURIComponent(user.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
    user_view_type: 'public'
  }
}

function renderPullRequestLinks(
  state: GitHubState,
  issue: FakeIssue
): Record<string, unknown> {
  const html = `${repoHtml(state)}/pull/${issue.number}`
  return {
    url: `${state.apiUrl}/repos/${state.owner}/${state.repo}/pulls/${issue.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    merged_at: null
  }
}

// A label named on an issue but deleted from the repository since.
function orphanLabel(name: string): FakeLabel {
  return {
    id: stableId(`label:${name}`),
    name,
    color: 'ededed',
    description: null
  }
}

function repoHtml(state: GitHubState): string {
  return `${state.serverUrl}/${state.owner}/${state.repo}`
}

function stableId(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) + 1
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}${Buffer.from(String(id)).toString('base64url')}`
}
