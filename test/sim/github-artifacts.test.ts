import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startGitHubFake, type GitHubFake } from '../../sim/github/server.ts'

type ArtifactModule = typeof import('@actions/artifact')

let fake: GitHubFake
let artifact: ArtifactModule
let dir: string
let files: string[]

beforeAll(async () => {
  fake = await startGitHubFake({ owner: 'acme', repo: 'identity-ops' })
  dir = await mkdtemp(join(tmpdir(), 'gh-artifacts-'))
  files = [join(dir, 'plan.json'), join(dir, 'summary.md')]
  await writeFile(files[0] as string, JSON.stringify({ planId: 'p-1' }))
  await writeFile(files[1] as string, '# Report\n')
  vi.stubEnv('ACTIONS_RESULTS_URL', fake.resultsUrl)
  vi.stubEnv('GITHUB_SERVER_URL', fake.serverUrl)
  vi.stubEnv('GITHUB_WORKSPACE', dir)
  // @actions/github fixes its base URL when first imported, so the API URL
  // must be in place before @actions/artifact (which imports it) loads.
  vi.stubEnv('GITHUB_API_URL', fake.apiUrl)
  useRun(100, 1)
  artifact = await import('@actions/artifact')
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await fake.close()
  await rm(dir, { recursive: true, force: true })
})

function useRun(runId: number, attempt: number): void {
  vi.stubEnv('ACTIONS_RUNTIME_TOKEN', fake.runtimeToken(runId, attempt))
}

function findBy(runId: number) {
  return {
    token: fake.token,
    workflowRunId: runId,
    repositoryOwner: fake.owner,
    repositoryName: fake.repo
  }
}

describe('GitHub fake artifact service', () => {
  it('takes an upload through CreateArtifact, block blobs and FinalizeArtifact', async () => {
    useRun(100, 1)
    const client = new artifact.DefaultArtifactClient()

    const up = await client.uploadArtifact('report-a', files, dir, {
      retentionDays: 5
    })

    const stored = fake.artifacts.find((a) => a.id === up.id)
    expect(stored).toMatchObject({
      name: 'report-a',
      runId: 100,
      runAttempt: 1
    })
    expect(stored?.digest).toBe(`sha256:${up.digest}`)
    expect(stored?.content.subarray(0, 2).toString()).toBe('PK')
    expect(stored?.size).toBe(up.size)
    const blockPuts = fake.requests.filter((r) => r.method === 'PUT')
    expect(blockPuts.map((r) => r.query.comp)).toEqual(['block', 'blocklist'])
    expect(fake.violations).toEqual([])
  })

  it('refuses a second artifact of the same name in the run attempt (409)', async () => {
    useRun(100, 1)
    const client = new artifact.DefaultArtifactClient()

    await expect(client.uploadArtifact('report-a', files, dir)).rejects.toThrow(
      /\(409\) Conflict: an artifact with this name already exists/
    )
  })

  it('lists, gets and downloads an artifact of the same run', async () => {
    useRun(100, 1)
    const client = new artifact.DefaultArtifactClient()
    const destination = join(dir, 'same-run')

    const { artifacts } = await client.listArtifacts()
    const { artifact: found } = await client.getArtifact('report-a')
    const result = await client.downloadArtifact(found.id, {
      path: destination,
      expectedHash: found.digest
    })

    expect(artifacts.map((a) => a.name)).toEqual(['report-a'])
    expect(found.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(result.digestMismatch).toBe(false)
    expect(await readFile(join(destination, 'plan.json'), 'utf8')).toBe(
      JSON.stringify({ planId: 'p-1' })
    )
  })

  it('reports a mismatch when the bare upload digest is the expected hash', async () => {
    useRun(100, 1)
    const client = new artifact.DefaultArtifactClient()
    const stored = fake.artifacts.find((a) => a.name === 'report-a')
    const bareHex = stored?.digest.replace(/^sha256:/, '')

    const result = await client.downloadArtifact(stored?.id ?? 0, {
      path: join(dir, 'bare'),
      expectedHash: bareHex
    })

    expect(result.digestMismatch).toBe(true)
  })

  it('downloads another run’s artifact with findBy over REST and a 302', async () => {
    useRun(300, 1)
    const client = new artifact.DefaultArtifactClient()
    const destination = join(dir, 'other-run')

    const { artifact: found } = await client.getArtifact('report-a', {
      findBy: findBy(100)
    })
    const result = await client.downloadArtifact(found.id, {
      path: destination,
      expectedHash: found.digest,
      findBy: findBy(100)
    })

    expect(result.digestMismatch).toBe(false)
    expect(await readFile(join(destination, 'summary.md'), 'utf8')).toBe(
      '# Report\n'
    )
    const redirect = fake.requests.find((r) =>
      r.path.endsWith(`/actions/artifacts/${found.id}/zip`)
    )
    expect(redirect?.status).toBe(302)
    expect(fake.violations).toEqual([])
  })

  it('scopes the internal API to the attempt while REST lists every attempt', async () => {
    useRun(100, 2)
    const client = new artifact.DefaultArtifactClient()

    const internalBefore = await client.listArtifacts()
    await client.uploadArtifact('report-a', files, dir)
    const overRest = await client.listArtifacts({ findBy: findBy(100) })

    expect(internalBefore.artifacts).toEqual([])
    expect(overRest.artifacts.map((a) => a.name)).toEqual([
      'report-a',
      'report-a'
    ])
    const attempts = fake.artifacts
      .filter((a) => a.runId === 100)
      .map((a) => a.runAttempt)
    expect(attempts.sort()).toEqual([1, 2])
  })

  it('answers findBy with 403 when the token lacks actions: read', async () => {
    const client = new artifact.DefaultArtifactClient()
    fake.permissions = { issues: 'write', actions: 'none' }
    try {
      await expect(
        client.getArtifact('report-a', { findBy: findBy(100) })
      ).rejects.toThrow(/Resource not accessible by integration/)
    } finally {
      fake.permissions = { issues: 'write', actions: 'read' }
    }
  })

  it('marks expired artifacts and answers their download with 410', async () => {
    const stored = fake.artifacts.find((a) => a.name === 'report-a')
    if (!stored) throw new Error('no artifact')
    const saved = stored.expiresAt
    stored.expiresAt = '2020-01-01T00:00:00Z'
    const headers = { authorization: `token ${fake.token}` }
    try {
      const list = await fetch(
        `${fake.apiUrl}/repos/acme/identity-ops/actions/runs/100/artifacts`,
        { headers }
      )
      const zip = await fetch(
        `${fake.apiUrl}/repos/acme/identity-ops/actions/artifacts/${stored.id}/zip`,
        { headers, redirect: 'manual' }
      )
      const body = (await list.json()) as {
        artifacts: Array<{ id: number; expired: boolean }>
      }
      expect(body.artifacts.find((a) => a.id === stored.id)?.expired).toBe(true)
      expect(zip.status).toBe(410)
    } finally {
      stored.expiresAt = saved
    }
  })

  it('rejects a runtime token it did not issue', async () => {
    const response = await fetch(
      `${fake.resultsUrl}twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts`,
      {
        method: 'POST',
        headers: {
          authorization: 'Bearer not-a-jwt',
          'content-type': 'application/json'
        },
        body: JSON.stringify({
          workflow_run_backend_id: 'x',
          workflow_job_run_backend_id: 'y'
        })
      }
    )

    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' })
  })
})
