import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  writeJson,
  writeReportFiles,
  writeTextFile
} from '../../src/report/files.ts'
import { buildPlan, parsePlan } from '../../src/report/plan.ts'
import { renderReportSummary } from '../../src/report/summary.ts'
import { SUMMARY_MAX_BYTES } from '../../src/report/summary-tables.ts'
import { manyUsers, mixedUsers, planInputOf } from './fixtures.ts'

const LINKS = { runUrl: null, issueUrl: null, artifactName: null, dryRun: true }

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-files-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeReportFiles', () => {
  it('creates the directory and writes plan.json, plan.csv and summary.md', async () => {
    const plan = buildPlan(planInputOf(mixedUsers()))
    const target = join(dir, 'nested', 'report')
    const paths = await writeReportFiles(target, plan, '# summary\n')
    expect(paths).toEqual(
      ['plan.json', 'plan.csv', 'summary.md'].map((name) => join(target, name))
    )

    const json = await readFile(join(target, 'plan.json'), 'utf8')
    expect(json).toBe(`${JSON.stringify(plan, null, 2)}\n`)
    expect(parsePlan(JSON.parse(json))).toEqual(plan)
    expect(await readFile(join(target, 'summary.md'), 'utf8')).toBe(
      '# summary\n'
    )
    const csv = await readFile(join(target, 'plan.csv'), 'utf8')
    expect(csv.startsWith('username,email,bucket,')).toBe(true)
  })

  it('keeps every one of 200,000 users in the files while the summary is cut', async () => {
    const plan = buildPlan(planInputOf(manyUsers(200_000)))
    const summary = renderReportSummary(plan, LINKS)
    await writeReportFiles(dir, plan, summary)

    expect(Buffer.byteLength(summary)).toBeLessThan(SUMMARY_MAX_BYTES)
    expect(summary).toContain('more rows are not shown')
    const csv = await readFile(join(dir, 'plan.csv'), 'utf8')
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(
      200_001
    )
    const json = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'))
    expect(json.users).toHaveLength(200_000)
    expect(json.candidates).toHaveLength(plan.counts.candidate)
    expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(summary)
  })
})

describe('writeJson', () => {
  it('writes 2-space JSON with a final newline and returns the path', async () => {
    const path = await writeJson(dir, 'results.json', { done: ['a'] })
    expect(path).toBe(join(dir, 'results.json'))
    expect(await readFile(path, 'utf8')).toBe(
      '{\n  "done": [\n    "a"\n  ]\n}\n'
    )
  })

  it('leaves the previous file when the value cannot be serialised', async () => {
    await writeJson(dir, 'rollback.json', { users: ['old'] })
    const broken = {
      toJSON: () => {
        throw new Error('cannot serialise')
      }
    }
    await expect(writeJson(dir, 'rollback.json', broken)).rejects.toThrow(
      'cannot serialise'
    )
    expect(
      JSON.parse(await readFile(join(dir, 'rollback.json'), 'utf8'))
    ).toEqual({ users: ['old'] })
  })
})

describe('writeTextFile', () => {
  it('leaves the previous content and no stray file when a write fails half-way', async () => {
    const path = join(dir, 'plan.json')
    await writeFile(path, 'previous content')
    function* halfThenFail(): Generator<string> {
      yield 'the first half of a new plan'
      throw new Error('runner cancelled')
    }
    await expect(writeTextFile(path, halfThenFail())).rejects.toThrow(
      'runner cancelled'
    )
    expect(await readFile(path, 'utf8')).toBe('previous content')
    expect(await readdir(dir)).toEqual(['plan.json'])
  })

  it('replaces the previous content whole when the write succeeds', async () => {
    const path = join(dir, 'plan.csv')
    await writeFile(path, 'previous content that is longer than the new one')
    await writeTextFile(path, ['new', ' content'])
    expect(await readFile(path, 'utf8')).toBe('new content')
    expect(await readdir(dir)).toEqual(['plan.csv'])
  })
})
