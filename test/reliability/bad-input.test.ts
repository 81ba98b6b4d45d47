/**
 * A bad value for every input of action.yml: each run ends with exit code 1
 * and one error line naming the input, with no stack trace and no secret.
 * Most run `run()` in this process (the same path from input to error
 * line as dist/index.js); the few that need GitHub run dist/index.js.
 * test/e2e/bad-input.test.ts already runs five through dist.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  adminInputs,
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { reltioWrites, startWorld, NOW, type World } from '../e2e/world.ts'
import { errorLines, hasStackTrace } from './helpers.ts'
import { runInProcess } from './in-process.ts'

const SECRET = 'Sekr3t-bad-input-4471'
const LONG_LABEL = 'l'.repeat(51)

/** Inputs that take any text: their bad values show only at run time. */
const RUN_TIME = new Set([
  'client-id',
  'client-secret',
  'username',
  'password',
  'tenant-url',
  'allowlist-file',
  'report-dir',
  'github-token',
  'reactivate'
])

/**
 * Every input but one has at least one row below. `exclude` takes any
 * text: every string is a pattern, and a pattern that matches nobody (or
 * everybody) only changes whom the report proposes.
 */
const ANY_TEXT = new Set(['exclude'])

type Row = [
  input: string,
  value: string,
  also: Record<string, string>,
  says: string
]

// Rows checked before anything is read from Reltio.
const PARSED: Row[] = [
  ['client-id', '', {}, "Input 'client-id' is required"],
  ['client-secret', '', {}, "Input 'client-secret' is required"],
  [
    'username',
    'admin@acmecorp.example',
    {},
    "Input 'password' is required when username is set"
  ],
  ['password', SECRET, {}, "Input 'username' is required when password is set"],
  [
    'auth-url',
    'ftp://auth.reltio.com',
    {},
    "Input 'auth-url' must be an http(s) URL"
  ],
  [
    'auth-url',
    `https://me:${SECRET}@auth.reltio.com`,
    {},
    "Input 'auth-url' must be an http(s) URL"
  ],
  [
    'customer-id',
    'Acme Corp',
    {},
    "Input 'customer-id' must be a Reltio customer id"
  ],
  [
    'tenant-url',
    'dev.reltio.com/reltio/api/t',
    {},
    "Input 'tenant-url' must be an http(s) URL"
  ],
  [
    'tenant-url',
    '',
    { 'activity-check': 'true' },
    "Input 'tenant-url' is required when activity-check is true"
  ],
  [
    'inactive-days',
    '0',
    {},
    "Input 'inactive-days' must be a whole number from 1"
  ],
  [
    'inactive-days',
    '1.5',
    {},
    "Input 'inactive-days' must be a whole number from 1"
  ],
  ['warn-days', '-1', {}, "Input 'warn-days' must be a whole number from 0"],
  [
    'never-logged-in-days',
    '0',
    {},
    "Input 'never-logged-in-days' must be empty or a whole number"
  ],
  [
    'exclude-roles',
    'ROLE_ADMIN_CUSTOMER ROLE_API',
    {},
    "Input 'exclude-roles' must be role names without spaces"
  ],
  [
    'exclude-groups',
    'SERVICE ACCOUNTS',
    {},
    "Input 'exclude-groups' must be group names without spaces"
  ],
  ['activity-check', 'yes', {}, "Input 'activity-check' must be true or false"],
  ['audit-check', 'on', {}, "Input 'audit-check' must be true or false"],
  [
    'password-policy',
    'strict',
    {},
    "Input 'password-policy' must be off, report or enforce"
  ],
  [
    'password-policy',
    'enforce',
    { 'customer-id': '' },
    "Input 'customer-id' is required when password-policy is enforce"
  ],
  ['approve', '1', {}, "Input 'approve' must be true or false"],
  [
    'plan-id',
    'xyz',
    { approve: 'true' },
    "Input 'plan-id' must be 16 hexadecimal characters"
  ],
  [
    'plan-id',
    '',
    { approve: 'true' },
    "Input 'plan-id' is required when approve is true"
  ],
  ['approvers', 'alice bob', {}, "Input 'approvers' must be GitHub logins"],
  ['approvers', 'octo_cat', {}, "Input 'approvers' must be GitHub logins"],
  [
    'reactivate',
    '0',
    {},
    "Input 'reactivate' must be the run id of an approval run"
  ],
  [
    'reactivate',
    '5',
    { approve: 'true', 'plan-id': '0123456789abcdef' },
    "Inputs 'approve' and 'reactivate' cannot be used in the same run"
  ],
  ['dry-run', 'tRUE', {}, "Input 'dry-run' must be true or false"],
  [
    'max-deactivations',
    '-1',
    {},
    "Input 'max-deactivations' must be a whole number of 0 or more"
  ],
  [
    'max-deactivation-percent',
    '0',
    {},
    "Input 'max-deactivation-percent' must be a number above 0"
  ],
  [
    'max-deactivation-percent',
    '10%',
    {},
    "Input 'max-deactivation-percent' must be a number above 0"
  ],
  ['issue', 'off', {}, "Input 'issue' must be true or false"],
  [
    'issue-labels',
    `inactive-users\n${LONG_LABEL}`,
    {},
    "Input 'issue-labels' must be label names of at most 50 characters"
  ],
  [
    'artifact-name',
    'report/2025',
    {},
    "Input 'artifact-name' must be a name without"
  ],
  [
    'artifact-retention-days',
    '401',
    {},
    "Input 'artifact-retention-days' must be a whole number from 1 to 400"
  ],
  [
    'concurrency',
    '33',
    {},
    "Input 'concurrency' must be a whole number from 1 to 32"
  ],
  ['now', 'yesterday', {}, "Input 'now' must be an ISO 8601 time"]
]

function expectOneClearLine(
  run: { stdout: string; exitCode: number | null; stderr?: string },
  says: string
): void {
  expect(run.exitCode).toBe(1)
  const errors = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error'))
  expect(errors).toEqual([expect.stringContaining(says)])
  // One line: a single problem has no line break (%0A once escaped).
  expect(errors[0]).not.toContain('%0A')
  expect(hasStackTrace(run.stdout, run.stderr ?? '')).toBe(false)
  const shown = run.stdout.replace(/^::add-mask::.*$/gm, '')
  expect(shown).not.toContain(SECRET)
}

describe('a bad value for each input', () => {
  let sim: ReltioSimulator
  let base: Record<string, string>
  let workspace: string

  beforeAll(async () => {
    sim = await startReltioSimulator({
      seed: { count: 20, seed: 4, now: new Date(NOW) }
    })
    workspace = await mkdtemp(join(tmpdir(), 'bad-input-ws-'))
    base = { ...adminInputs(sim), now: NOW, issue: 'false' }
  })
  afterAll(() => sim.close())

  it('covers every input of action.yml', async () => {
    const yml = parseYaml(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>
    }
    const covered = new Set([
      ...PARSED.map(([input]) => input),
      ...RUN_TIME,
      ...ANY_TEXT
    ])
    expect(
      [...Object.keys(yml.inputs)].filter((name) => !covered.has(name))
    ).toEqual([])
  })

  it.each(PARSED)('names %s for %j', async (input, value, also, says) => {
    const run = await runInProcess(
      { ...base, ...also, [input]: value },
      workspace
    )
    expectOneClearLine(run, says)
  })

  it.each([
    [
      'client-id',
      { 'client-id': 'no-such-client' },
      'Check the client-id and client-secret inputs'
    ],
    [
      'client-secret',
      { 'client-secret': SECRET },
      'Check the client-id and client-secret inputs'
    ],
    [
      'username',
      { username: 'nobody@acmecorp.example', password: 'sim-admin-password' },
      'Check the username and password inputs'
    ],
    [
      'password',
      { username: 'admin@acmecorp.example', password: SECRET },
      'Check the username and password inputs'
    ],
    // The line quotes the tenant's path, not the input's name.
    [
      'tenant-url',
      { 'activity-check': 'true', 'tenant-url': '/reltio/api/noSuchTenant' },
      'GET /reltio/api/noSuchTenant/activities with 404'
    ]
  ])(
    'names %s when Reltio refuses it',
    async (_input, inputs: Record<string, string>, says) => {
      // A tenant the simulator does not have, on the simulator's address.
      const path = inputs['tenant-url']
      const tenant: Record<string, string> = path
        ? { 'tenant-url': `${sim.url}${path}` }
        : {}
      const run = await runInProcess(
        { ...base, ...inputs, ...tenant },
        workspace
      )
      expectOneClearLine(run, says)
    }
  )

  it('names allowlist-file when it is a directory', async () => {
    await mkdir(join(workspace, 'allow.d'), { recursive: true })
    const run = await runInProcess(
      { ...base, 'allowlist-file': 'allow.d' },
      workspace
    )
    expectOneClearLine(run, "Input 'allowlist-file': cannot read allow.d")
  })

  it('names allowlist-file and the field when an entry lacks its reason', async () => {
    const file = join(workspace, 'allow.yml')
    await writeFile(
      file,
      'allow:\n  - match: ceo@example.com\n    owner: it@example.com\n'
    )
    const run = await runInProcess(
      { ...base, 'allowlist-file': 'allow.yml' },
      workspace
    )
    expectOneClearLine(run, "Input 'allowlist-file': allow.yml")
    expect(errorLines(run.stdout)[0]).toMatch(/reason/)
  })

  it('names report-dir when it is a file', async () => {
    const file = join(workspace, 'not-a-dir')
    await writeFile(file, 'x')
    const run = await runInProcess({ ...base, 'report-dir': file }, workspace)
    expectOneClearLine(run, `Input 'report-dir': cannot write to ${file}`)
  })

  it('never wrote to Reltio on any of these runs', () => {
    expect(reltioWrites(sim)).toEqual([])
  })
})

describe('a bad value for an input that needs GitHub, with dist/index.js', () => {
  let world: World

  beforeAll(async () => {
    world = await startWorld({
      seed: { count: 20, seed: 4, now: new Date(NOW) }
    })
  })
  afterAll(() => world.close())

  it('names github-token when GitHub refuses it', async () => {
    const run = await world.run({ 'github-token': SECRET })
    expectOneClearLine(run, 'GitHub refused the github-token input (401')
  })

  it('names reactivate when the run it names left no rollback file', async () => {
    const run = await world.run(
      { reactivate: '987654' },
      { eventName: 'workflow_dispatch' }
    )
    expectOneClearLine(
      run,
      "Input 'reactivate': found no rollback file of approval run 987654"
    )
    expect(reltioWrites(world.reltio)).toEqual([])
  })
})
