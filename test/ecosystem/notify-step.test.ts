/**
 * Runs the example workflow's notification step, as the runner would, with
 * bash and the env it declares, against a loopback chat webhook.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startWorld } from '../e2e/world.ts'

const ROOT = new URL('../../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8')

interface Step {
  name?: string
  if?: string
  env?: Record<string, string>
  run?: string
}

/** The steps, in any job, that pass `approaching-users` to a script. */
function notifySteps(workflow: string): Step[] {
  const jobs = (parse(workflow) as { jobs: Record<string, { steps?: Step[] }> })
    .jobs
  return Object.values(jobs)
    .flatMap((job) => job.steps ?? [])
    .filter((step) =>
      Object.values(step.env ?? {}).some((value) =>
        value.includes('outputs.approaching-users')
      )
    )
}

const EXAMPLE = notifySteps(read('examples/reltio-inactive-users.yml'))
const STEP = EXAMPLE[0] as Step

/** A chat incoming webhook on loopback that records what it is sent. */
interface Receiver {
  url: string
  received: Array<{ method: string; type: string; body: string }>
  status: number
  close(): Promise<void>
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [], status: 200 } as unknown as Receiver
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      receiver.received.push({
        method: req.method ?? '',
        type: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8')
      })
      res.writeHead(receiver.status).end(receiver.status === 200 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve())
  )
  const { port } = server.address() as AddressInfo
  receiver.url = `http://127.0.0.1:${port}/hooks/chat`
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()))
  return receiver
}

/**
 * The step's env with each expression replaced by its value in `context`;
 * an expression the test does not know fails, so a changed step is seen.
 */
function stepEnv(context: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(STEP.env ?? {})) {
    env[key] = value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression) => {
      const known = context[expression]
      if (known === undefined) throw new Error(`unknown ${expression}`)
      return known
    })
  }
  return env
}

/** Runs the step's script as the runner does for `run:` (bash -e). */
async function runStep(
  env: Record<string, string>
): Promise<{ code: number | null; stderr: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'notify-step-'))
  const script = join(dir, 'step.sh')
  await writeFile(script, STEP.run ?? '')
  const child = spawn('bash', ['--noprofile', '--norc', '-e', script], {
    cwd: dir,
    // Only what a runner surely has: node, and the system's tools.
    env: {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: dir,
      ...env
    }
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) =>
    child.on('close', resolve)
  )
  return { code, stderr, dir }
}

describe('the example notification step', () => {
  let receiver: Receiver
  let approachingUsers: string

  beforeAll(async () => {
    receiver = await startReceiver()
    // The output as a real report run sets it.
    const world = await startWorld()
    try {
      const run = await world.run()
      approachingUsers = run.outputs['approaching-users'] ?? ''
    } finally {
      await world.close()
    }
  })
  afterAll(() => receiver.close())

  const context = (users: string, url = receiver.url) => ({
    'secrets.CHAT_WEBHOOK_URL': url,
    'steps.report.outputs.approaching-users': users,
    'matrix.customer': 'AcmeCorp'
  })

  it('is one step, run only when some users are approaching', () => {
    expect(EXAMPLE).toHaveLength(1)
    expect(STEP.if).toContain("steps.report.outputs.approaching != '0'")
    expect(STEP.run).not.toContain('${{')
  })

  it('posts a JSON payload naming every approaching user', async () => {
    const users = JSON.parse(approachingUsers) as Array<{
      username: string
      daysLeft: number
    }>
    expect(users.length).toBeGreaterThan(0)
    receiver.received.length = 0
    const result = await runStep(stepEnv(context(approachingUsers)))
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(receiver.received).toHaveLength(1)
    const [post] = receiver.received
    expect(post?.method).toBe('POST')
    expect(post?.type).toBe('application/json')
    const payload = JSON.parse(post?.body ?? '')
    expect(Object.keys(payload)).toEqual(['text'])
    expect(payload.text).toMatch(/^Reltio AcmeCorp: /)
    for (const user of users) {
      const days = user.daysLeft === 1 ? 'day' : 'days'
      expect(payload.text).toContain(
        `${user.username} (${user.daysLeft} ${days} left)`
      )
    }
  })

  it('passes hostile usernames as text, never as code or mentions', async () => {
    const hostile = [
      { username: '$(touch pwned)`id`', email: null, daysLeft: 3 },
      { username: 'o\'brien "q" <!channel> & co', email: null, daysLeft: 1 }
    ]
    receiver.received.length = 0
    const result = await runStep(stepEnv(context(JSON.stringify(hostile))))
    expect(result.code).toBe(0)
    expect(existsSync(join(result.dir, 'pwned'))).toBe(false)
    const { text } = JSON.parse(receiver.received[0]?.body ?? '')
    expect(text).toContain('$(touch pwned)`id` (3 days left)')
    expect(text).toContain(
      'o\'brien "q" &lt;!channel&gt; &amp; co (1 day left)'
    )
  })

  it('fails the step when the webhook refuses the message', async () => {
    receiver.status = 500
    try {
      const result = await runStep(stepEnv(context(approachingUsers)))
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain('The webhook answered 500')
    } finally {
      receiver.status = 200
    }
  })

  it('does nothing while the webhook secret is unset', async () => {
    receiver.received.length = 0
    const result = await runStep(stepEnv(context(approachingUsers, '')))
    expect(result.code).toBe(0)
    expect(receiver.received).toEqual([])
  })
})

describe('the README notification step', () => {
  it('runs the same script as the example workflow', () => {
    const readme = read('README.md')
    const section = readme.slice(readme.indexOf('## Using the outputs'))
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
    const [step] = parse(block) as Step[]
    expect(step?.run).toBe(STEP.run)
    expect(Object.keys(step?.env ?? {})).toEqual(Object.keys(STEP.env ?? {}))
  })
})
