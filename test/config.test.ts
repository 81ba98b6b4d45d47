import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { parseConfig, readConfig } from '../src/config.ts'
import { INPUT_DEFAULTS, INPUT_NAMES } from '../src/config/inputs.ts'
import { ConfigError } from '../src/errors.ts'

const NOW = new Date('2025-06-01T00:00:00.000Z')
const SECRET = 'TOPSECRET-client-secret'
const BASE = { 'client-id': 'client-1', 'client-secret': SECRET }
const DEPS = { allowlistText: null, realNow: NOW, tempDir: '/runner/temp' }

const parseWith = (raw: Record<string, string>, deps = {}) =>
  parseConfig({ ...BASE, ...raw }, { ...DEPS, ...deps })

function errorOf(raw: Record<string, string>, deps = {}): string {
  try {
    parseWith(raw, deps)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('INPUT_DEFAULTS', () => {
  it('names every input of action.yml with its default', async () => {
    const actionYml = parse(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    const fromYml = Object.fromEntries(
      Object.entries(actionYml.inputs).map(([name, input]) => [
        name,
        input.default ?? ''
      ])
    )
    expect(INPUT_DEFAULTS).toEqual(fromYml)
  })
})

describe('parseConfig', () => {
  it('applies the action.yml defaults to missing inputs', () => {
    expect(parseWith({})).toEqual({
      clientId: 'client-1',
      clientSecret: SECRET,
      username: null,
      password: null,
      authUrl: 'https://auth.reltio.com',
      customerId: null,
      tenantUrl: null,
      inactiveDays: 90,
      warnDays: 14,
      neverLoggedInDays: null,
      exclude: [],
      excludeRoles: [
        'ROLE_ADMIN_CUSTOMER',
        'ROLE_ADMIN_TENANT',
        'ROLE_ADMIN_USER',
        'ROLE_API'
      ],
      excludeGroups: ['SERVICE_ACCOUNTS'],
      allowlistFile: '.github/reltio-inactive-users.yml',
      allowlist: [],
      activityCheck: false,
      auditCheck: false,
      passwordPolicy: 'report',
      approve: false,
      planId: null,
      approvers: [],
      reactivate: null,
      dryRun: false,
      maxDeactivations: 50,
      maxDeactivationPercent: 10,
      issue: true,
      issueLabels: ['inactive-users'],
      githubToken: '',
      artifactName: 'reltio-inactive-users',
      artifactRetentionDays: 90,
      reportDir: join('/runner/temp', 'reltio-inactive-users'),
      concurrency: 4,
      now: NOW
    })
  })

  it('returns a frozen config, lists included', () => {
    const config = parseWith({ exclude: 'svc-*' })
    expect(Object.isFrozen(config)).toBe(true)
    expect(Object.isFrozen(config.exclude)).toBe(true)
  })

  it('treats an empty input as its default, as a schedule run sends them', () => {
    const config = parseWith({ 'inactive-days': '  ', approve: '', issue: '' })
    expect(config).toMatchObject({
      inactiveDays: 90,
      approve: false,
      issue: true
    })
  })

  it('reads the values of every kind', () => {
    const config = parseWith({
      'auth-url': 'http://127.0.0.1:8080/',
      'tenant-url': 'https://dev.reltio.com/reltio/api/acme///',
      'activity-check': 'TRUE',
      'dry-run': 'True',
      issue: 'false',
      'inactive-days': ' 30 ',
      'never-logged-in-days': '180',
      'max-deactivations': '0',
      'max-deactivation-percent': '2.5',
      'password-policy': 'Enforce',
      'customer-id': 'AcmeCorp',
      approve: 'true',
      'plan-id': '0123456789ABCDEF',
      now: '2025-01-31T12:00:00+01:00',
      'report-dir': 'out/report'
    })
    expect(config).toMatchObject({
      authUrl: 'http://127.0.0.1:8080',
      tenantUrl: 'https://dev.reltio.com/reltio/api/acme',
      activityCheck: true,
      dryRun: true,
      issue: false,
      inactiveDays: 30,
      neverLoggedInDays: 180,
      maxDeactivations: 0,
      maxDeactivationPercent: 2.5,
      passwordPolicy: 'enforce',
      planId: '0123456789abcdef',
      now: new Date('2025-01-31T11:00:00.000Z'),
      reportDir: 'out/report'
    })
  })

  it('splits lists on newlines and commas, trimmed, without empties', () => {
    const config = parseWith({
      exclude: 'svc-*, bot@example.com\n\n  *@integration.example.com ,',
      'exclude-groups': 'A,B',
      'issue-labels': 'inactive-users\nsecurity',
      approvers: '@octocat, hubot\n@'
    })
    expect(config).toMatchObject({
      exclude: ['svc-*', 'bot@example.com', '*@integration.example.com'],
      excludeGroups: ['A', 'B'],
      issueLabels: ['inactive-users', 'security'],
      approvers: ['octocat', 'hubot']
    })
  })

  it.each([
    ['12345678901', { kind: 'run', runId: 12345678901 }],
    [
      'alice@example.com',
      { kind: 'usernames', usernames: ['alice@example.com'] }
    ],
    ['alice\nbob\n', { kind: 'usernames', usernames: ['alice', 'bob'] }],
    ['42\n43', { kind: 'usernames', usernames: ['42', '43'] }]
  ])('reads reactivate %j', (reactivate, expected) => {
    expect(parseWith({ reactivate }).reactivate).toEqual(expected)
  })

  it.each([
    [
      'report-dir',
      '${{ runner.temp }}/reltio-inactive-users',
      'reportDir',
      join('/runner/temp', 'reltio-inactive-users')
    ],
    ['github-token', '${{ github.token }}', 'githubToken', ''],
    ['github-token', 'ghs_abc', 'githubToken', 'ghs_abc']
  ])('reads %s %j outside GitHub', (name, value, key, expected) => {
    expect(parseWith({ [name]: value })).toHaveProperty(key, expected)
  })

  it.each([
    ['inactive-days', '-1'],
    ['inactive-days', 'abc'],
    ['inactive-days', '0'],
    ['inactive-days', '1.5'],
    ['inactive-days', '1e2'],
    ['inactive-days', '36501'],
    ['warn-days', '-1'],
    ['never-logged-in-days', '0'],
    ['concurrency', '0'],
    ['concurrency', '33'],
    ['max-deactivations', '-1'],
    ['max-deactivation-percent', '0'],
    ['max-deactivation-percent', '100.5'],
    ['max-deactivation-percent', '10%'],
    ['artifact-retention-days', '0'],
    ['artifact-retention-days', '401'],
    ['password-policy', 'strict'],
    ['approve', 'yes'],
    ['approve', '1'],
    ['dry-run', 'tRUE'],
    ['issue', 'off'],
    ['plan-id', 'xyz'],
    ['plan-id', '0123456789abcdeg'],
    ['plan-id', '0123456789abcde'],
    ['auth-url', 'ftp://auth.reltio.com'],
    ['auth-url', 'not a url'],
    ['tenant-url', 'dev.reltio.com/reltio/api/acme'],
    ['now', 'yesterday'],
    ['now', '2025-02-30T00:00:00Z'],
    ['reactivate', '0'],
    ['customer-id', 'Acme Corp'],
    ['artifact-name', 'report/2025']
  ])('refuses %s %j, naming the input and the value', (name, value) => {
    const message = errorOf({ [name]: value })
    expect(message.split('\n')).toHaveLength(1)
    expect(message).toMatch(new RegExp(`^Input '${name}' must be .+; got '`))
    expect(message).toContain(`got '${value}'.`)
    expect(message).toMatch(/\. \S.*\.$/)
  })

  it('hides credentials in a URL it quotes', () => {
    const message = errorOf({ 'auth-url': 'https://me:hunter22@auth.example' })
    expect(message).toContain("got 'https://***@auth.example'")
    expect(message).not.toContain('hunter22')
  })

  it('quotes a multi-line value on one line', () => {
    expect(errorOf({ 'inactive-days': '90\n30' })).toContain("got '90\\n30'")
  })

  it.each(['client-id', 'client-secret'])('requires %s', (name) => {
    expect(errorOf({ [name]: '' })).toMatch(
      new RegExp(`^Input '${name}' is required\\. Pass .+\\.$`)
    )
  })

  it.each([
    [{ approve: 'true' }, "Input 'plan-id' is required when approve is true"],
    [
      { approve: 'true', 'plan-id': '0123456789abcdef', reactivate: '5' },
      "Inputs 'approve' and 'reactivate' cannot be used in the same run"
    ],
    [
      { username: 'robot' },
      "Input 'password' is required when username is set"
    ],
    [
      { password: 'pw-123456' },
      "Input 'username' is required when password is set"
    ],
    [
      { 'password-policy': 'enforce' },
      "Input 'customer-id' is required when password-policy is enforce"
    ],
    [
      { 'activity-check': 'true' },
      "Input 'tenant-url' is required when activity-check is true"
    ]
  ])('refuses the combination %j', (raw, expected) => {
    const message = errorOf(raw)
    expect(message.split('\n')).toEqual([expect.stringContaining(expected)])
  })

  it('blames a bad input once, not again in a combination', () => {
    const message = errorOf({ approve: 'true', 'plan-id': 'nothex' })
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^Input 'plan-id' must be 16 hexadecimal/)
    ])
  })

  it('lists every bad input, one per line, and never a secret', () => {
    const password = 'PW-never-print-me'
    const message = errorOf({
      'client-id': '',
      password,
      'inactive-days': 'abc',
      concurrency: '99',
      approve: 'yes',
      now: 'soon'
    })
    const lines = message.split('\n')
    expect(lines.map((line) => /^Inputs? '([^']+)'/.exec(line)?.[1])).toEqual([
      'client-id',
      'inactive-days',
      'approve',
      'concurrency',
      'now',
      'username'
    ])
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain(password)
  })

  it('reads the allowlist text', () => {
    const allowlistText =
      'allow:\n  - match: ceo@example.com\n    reason: twice a year\n    owner: it\n'
    expect(parseWith({}, { allowlistText }).allowlist).toEqual([
      {
        match: 'ceo@example.com',
        reason: 'twice a year',
        owner: 'it',
        expires: null
      }
    ])
  })

  it('names the allowlist file, entry, line and field of a bad allowlist', () => {
    const allowlistText = 'allow:\n  - match: a\n    reason: b\n'
    const message = errorOf({ 'allowlist-file': 'keep.yml' }, { allowlistText })
    expect(message).toBe(
      "Input 'allowlist-file': keep.yml entry 1 (line 2): field 'owner' is required. Each entry needs match, reason and owner; expires is optional, written YYYY-MM-DD."
    )
  })
})

describe('readConfig', () => {
  let workspace: string
  let written: string[]

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'config-test-'))
    written = []
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
    for (const name of INPUT_NAMES)
      vi.stubEnv(`INPUT_${name.toUpperCase()}`, '')
    vi.stubEnv('INPUT_CLIENT-ID', 'client-1')
    vi.stubEnv('INPUT_CLIENT-SECRET', SECRET)
    vi.stubEnv('GITHUB_WORKSPACE', workspace)
    vi.stubEnv('RUNNER_TEMP', '/runner/temp')
  })

  afterEach(async () => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
    await rm(workspace, { recursive: true, force: true })
  })

  it('masks secrets before anything else is written', async () => {
    vi.stubEnv('INPUT_PASSWORD', 'pw-secret\nsecond-line')
    vi.stubEnv('INPUT_USERNAME', 'robot')
    vi.stubEnv('INPUT_GITHUB-TOKEN', 'ghs_token')
    const config = await readConfig()
    const masks = written.filter((line) => line.startsWith('::add-mask::'))
    expect(masks.map((line) => line.trim())).toEqual([
      `::add-mask::${SECRET}`,
      '::add-mask::pw-secret%0Asecond-line',
      '::add-mask::pw-secret%250Asecond-line',
      '::add-mask::pw-secret',
      '::add-mask::second-line',
      '::add-mask::ghs_token'
    ])
    const firstOther = written.findIndex(
      (line) => !line.startsWith('::add-mask::')
    )
    expect(firstOther).toBeGreaterThanOrEqual(masks.length)
    expect(config.reportDir).toBe(join('/runner/temp', 'reltio-inactive-users'))
  })

  it('debug-logs the resolved config with secrets as ***', async () => {
    vi.stubEnv('INPUT_GITHUB-TOKEN', 'ghs_token')
    await readConfig()
    const debug = written.find((line) =>
      line.startsWith('::debug::Resolved inputs')
    )
    expect(debug).toContain('"clientSecret":"***"')
    expect(debug).toContain('"githubToken":"***"')
    expect(debug).not.toContain(SECRET)
    expect(debug).not.toContain('ghs_token')
  })

  it('reads the allowlist file from the workspace', async () => {
    await mkdir(join(workspace, '.github'))
    await writeFile(
      join(workspace, '.github/reltio-inactive-users.yml'),
      'allow:\n  - {match: a, reason: b, owner: c, expires: 2027-06-30}\n'
    )
    const config = await readConfig()
    expect(config.allowlist).toEqual([
      { match: 'a', reason: 'b', owner: 'c', expires: '2027-06-30' }
    ])
  })

  it('debug-logs an absent default allowlist and warns for a named one', async () => {
    expect((await readConfig()).allowlist).toEqual([])
    expect(written.join('')).toMatch(/::debug::No allowlist file at \.github/)
    vi.stubEnv('INPUT_ALLOWLIST-FILE', 'keep.yml')
    await readConfig()
    expect(written.join('')).toMatch(
      /::warning::No allowlist file at keep\.yml/
    )
  })

  it('refuses an allowlist path it cannot read', async () => {
    await mkdir(join(workspace, 'dir.yml'))
    vi.stubEnv('INPUT_ALLOWLIST-FILE', 'dir.yml')
    await expect(readConfig()).rejects.toThrow(
      /^Input 'allowlist-file': cannot read dir\.yml \(.*EISDIR/
    )
  })
})
