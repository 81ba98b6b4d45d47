import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readZip } from '../support/zip.ts'
import { reltioWrites, startWorld, type World } from './world.ts'
import type { ActionRun } from '../../sim/runner.ts'

describe('report run of dist/index.js', () => {
  let world: World
  let run: ActionRun

  beforeAll(async () => {
    world = await startWorld()
    run = await world.run()
  })
  afterAll(() => world.close())

  it('ends green on the Node that runs the tests', () => {
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.exitCode).toBe(0)
    expect(process.version).toMatch(/^v24\./)
  })

  it('writes plan.json, plan.csv and summary.md with every user', async () => {
    const plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    expect(plan.users).toHaveLength(world.reltio.users.size)
    expect(plan.planId).toBe(run.outputs['plan-id'])
    const csv = await readFile(join(world.reportDir, 'plan.csv'), 'utf8')
    expect(csv.trim().split('\n')).toHaveLength(world.reltio.users.size + 1)
    const summary = await readFile(join(world.reportDir, 'summary.md'), 'utf8')
    expect(run.summary).toContain(summary.trim())
  })

  it('sets the outputs from the plan', async () => {
    const plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    expect(run.outputs['plan-id']).toMatch(/^[0-9a-f]{16}$/)
    expect(Number(run.outputs.candidates)).toBe(plan.candidates.length)
    expect(Number(run.outputs.candidates)).toBeGreaterThan(0)
    expect(Number(run.outputs.approaching)).toBe(plan.approaching.length)
    expect(Number(run.outputs.excluded)).toBe(plan.counts.excluded)
    expect(run.outputs['report-dir']).toBe(world.reportDir)
    const approaching = JSON.parse(run.outputs['approaching-users'] ?? '')
    expect(approaching).toHaveLength(plan.approaching.length)
    expect(approaching[0]).toEqual({
      username: plan.approaching[0].username,
      email: plan.approaching[0].email,
      daysLeft: plan.approaching[0].daysLeft
    })
  })

  it('uploads the report files as the artifact of this attempt', async () => {
    expect(world.github.artifacts.map((a) => a.name)).toEqual([
      `reltio-inactive-users-${world.reltio.customerId}-1`
    ])
    const files = readZip(world.github.artifacts[0]!.content)
    expect([...files.keys()].sort()).toEqual([
      'plan.csv',
      'plan.json',
      'summary.md'
    ])
    const onDisk = await readFile(join(world.reportDir, 'plan.json'))
    expect(files.get('plan.json')?.equals(onDisk)).toBe(true)
  })

  it('opens one review issue with every candidate ticked', async () => {
    const plan = JSON.parse(
      await readFile(join(world.reportDir, 'plan.json'), 'utf8')
    )
    const open = world.github.issues.filter((i) => i.state === 'open')
    expect(open).toHaveLength(1)
    expect(run.outputs['issue-number']).toBe(String(open[0]!.number))
    const body = open[0]!.body ?? ''
    expect(body).toContain(`plan-id: ${plan.planId}`)
    for (const candidate of plan.candidates.slice(0, 20)) {
      expect(body).toContain(`- [x] \`${candidate.username}\``)
    }
  })

  it('sends no write to Reltio and nothing GitHub would reject', () => {
    expect(reltioWrites(world.reltio)).toEqual([])
    expect(world.github.violations).toEqual([])
  })

  it('gives the same plan id when run again on the same users', async () => {
    const again = await world.run()
    expect(again.outputs['plan-id']).toBe(run.outputs['plan-id'])
    expect(world.github.issues.filter((i) => i.state === 'open')).toHaveLength(
      1
    )
  })

  it('reads the password policy while the user list is on its way', async () => {
    const latencyMs = 500
    world.reltio.setSwitches({ latencyMs })
    const from = world.reltio.requests.length
    try {
      expect((await world.run()).exitCode).toBe(0)
    } finally {
      world.reltio.setSwitches({ latencyMs: 0 })
    }
    const arrival = (path: string): number => {
      const found = world.reltio.requests
        .slice(from)
        .find((r) => r.method === 'GET' && r.path.startsWith(path))
      if (!found) throw new Error(`no GET ${path} in this run`)
      return found.at
    }
    // One after the other, the policy's request could not arrive before the
    // list's answer, which the simulator holds back for the latency.
    const policyAt = arrival('/oauth/customers/')
    expect(policyAt - arrival('/oauth/users')).toBeLessThan(latencyMs)
  })

  it('fails on a policy refused while the list is still coming', async () => {
    world.reltio.scriptFault({
      method: 'GET',
      path: '/oauth/users',
      delayMs: 500
    })
    world.reltio.scriptFault({
      method: 'GET',
      path: /\/passwordPolicy$/,
      status: 403
    })
    const failed = await world.run({ 'password-policy': 'enforce' })
    expect(failed.exitCode).toBe(1)
    const errors = failed.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error'))
    expect(errors).toEqual([expect.stringMatching(/passwordPolicy.*403/)])
    expect(failed.stdout).toContain('Listed 120 users')
    expect(failed.stderr).toBe('')
  })
})
