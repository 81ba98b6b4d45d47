import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startGitHubFake, type GitHubFake } from '../../sim/github/server.ts'

type ArtifactModule = typeof import('../../src/report/artifact.ts')

const PREFIX = 'reltio-inactive-users-AcmeCorp-'

let fake: GitHubFake
let report: ArtifactModule
let dir: string
let files: string[]

beforeAll(async () => {
  fake = await startGitHubFake()
  dir = await mkdtemp(join(tmpdir(), 'report-artifact-'))
  files = [join(dir, 'plan.json')]
  await writeFile(join(dir, 'plan.json'), '{"planId":"p-7"}')
  vi.stubEnv('ACTIONS_RESULTS_URL', fake.resultsUrl)
  vi.stubEnv('GITHUB_SERVER_URL', fake.serverUrl)
  vi.stubEnv('GITHUB_WORKSPACE', dir)
  // @actions/github fixes its base URL on first import; set it before.
  vi.stubEnv('GITHUB_API_URL', fake.apiUrl)
  report = await import('../../src/report/artifact.ts')
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await fake.close()
  await rm(dir, { recursive: true, force: true })
})

async function uploadAs(runId: number, attempt: number, name: string) {
  vi.stubEnv('ACTIONS_RUNTIME_TOKEN', fake.runtimeToken(runId, attempt))
  const uploaded = await report.uploadReport({
    name,
    files,
    rootDir: dir,
    retentionDays: 7
  })
  if (!uploaded) throw new Error('upload skipped')
  return uploaded
}

function download(runId: number, destination: string, namePrefix = PREFIX) {
  return report.downloadReportArtifact({
    runId,
    namePrefix,
    token: fake.token,
    owner: fake.owner,
    repo: fake.repo,
    destination: join(dir, destination)
  })
}

describe('uploadReport', () => {
  it('returns null when the runner provides no artifact service', async () => {
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', undefined)

    const uploaded = await report.uploadReport({
      name: 'x',
      files,
      rootDir: dir,
      retentionDays: 1
    })

    expect(uploaded).toBeNull()
  })

  it('uploads the files and returns the digest GitHub lists', async () => {
    const uploaded = await uploadAs(10, 1, `${PREFIX}1`)

    const stored = fake.artifacts.find((a) => a.id === uploaded.id)
    expect(uploaded.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(uploaded.digest).toBe(stored?.digest)
    expect(uploaded.size).toBe(stored?.size)
  })
})

describe('downloadReportArtifact', () => {
  it('takes the latest attempt of the run and verifies its digest', async () => {
    await uploadAs(20, 1, `${PREFIX}1`)
    const second = await uploadAs(20, 2, `${PREFIX}2`)
    await uploadAs(20, 3, 'reltio-inactive-users-AcmeCorpEU-3')
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', fake.runtimeToken(99, 1))

    const result = await download(20, 'latest')

    expect(result.name).toBe(`${PREFIX}2`)
    expect(result.digestMatches).toBe(true)
    expect(await readFile(join(result.dir, 'plan.json'), 'utf8')).toBe(
      '{"planId":"p-7"}'
    )
    const zipGets = fake.requests.filter((r) =>
      r.path.endsWith(`/artifacts/${second.id}/zip`)
    )
    expect(zipGets).toHaveLength(1)
  })

  it('reports a digest mismatch when GitHub recorded another digest', async () => {
    const uploaded = await uploadAs(30, 1, `${PREFIX}1`)
    const stored = fake.artifacts.find((a) => a.id === uploaded.id)
    if (stored) stored.digest = `sha256:${'0'.repeat(64)}`

    const result = await download(30, 'tampered')

    expect(result.digestMatches).toBe(false)
  })

  it('names the artifacts it found when none has the prefix', async () => {
    await uploadAs(40, 1, 'something-else')

    await expect(download(40, 'none')).rejects.toThrow(
      /Run 40 of acme\/identity-ops has no artifact named "reltio-inactive-users-AcmeCorp-<attempt>" \(artifacts found: something-else\)\. Check that the run id/
    )
  })

  it('points at actions: read when the token cannot list artifacts', async () => {
    fake.permissions = { issues: 'write', actions: 'none' }
    try {
      await expect(download(20, 'denied')).rejects.toThrow(
        /Could not list the artifacts of run 20 .*Resource not accessible by integration.*`actions: read`/
      )
    } finally {
      fake.permissions = { issues: 'write', actions: 'read' }
    }
  })

  it('points at retention when the artifact has expired', async () => {
    const uploaded = await uploadAs(50, 1, `${PREFIX}1`)
    const stored = fake.artifacts.find((a) => a.id === uploaded.id)
    if (stored) stored.expiresAt = '2020-01-01T00:00:00Z'

    await expect(download(50, 'expired')).rejects.toThrow(
      /artifact-retention-days; if it expired, run a new report/
    )
  })
})

describe('chooseReportArtifact', () => {
  const where = { runId: 1, namePrefix: 'r-Acme', owner: 'o', repo: 'r' }
  const artifact = (id: number, name: string) => ({ id, name, size: 1 })

  it.each([
    [
      'the highest attempt',
      [artifact(9, 'r-Acme-1'), artifact(3, 'r-Acme-2')],
      3
    ],
    [
      'the newest id for equal attempts',
      [artifact(4, 'r-Acme-1'), artifact(5, 'r-Acme-1')],
      5
    ],
    ['the exact name', [artifact(6, 'r-Acme')], 6],
    [
      'not another customer sharing the prefix',
      [artifact(8, 'r-AcmeCorp-1'), artifact(2, 'r-Acme-1')],
      2
    ]
  ])('picks %s', (_case, artifacts, id) => {
    expect(report.chooseReportArtifact(artifacts, where).id).toBe(id)
  })
})

describe('withSha256Prefix', () => {
  it('adds the prefix once', () => {
    expect(report.withSha256Prefix('ab')).toBe('sha256:ab')
    expect(report.withSha256Prefix('sha256:ab')).toBe('sha256:ab')
  })
})
