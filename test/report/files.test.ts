import {
  mkdtemp,
  open,
  readFile,
  readdir,
  rm,
  writeFile,
  type FileHandle
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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
  it('writes every byte of chunks that cross the 1 MiB write blocks', async () => {
    // Chunks of one to four UTF-8 bytes per character (and a lone
    // surrogate), from empty to larger than a block, in sizes that put
    // their ends at many offsets of a block.
    const pieces = ['x', 'é', '€', '😀', '\ud800']
    const chunks: string[] = []
    for (let i = 0, size = 1, total = 0; total < 6_000_000; i++) {
      size = (size * 7919 + i) % 400_000
      chunks.push(
        (pieces[i % pieces.length] as string).repeat(
          size % 7 === 0 ? size : size % 3000
        )
      )
      total += (chunks.at(-1) as string).length
    }
    const path = await writeTextFile(join(dir, 'big.txt'), chunks)
    const written = await readFile(path)
    expect(written.equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true)
  })

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

  it('leaves the previous content when the text fails after blocks were written', async () => {
    // Several 1 MiB blocks go to the disk, one still in flight, before the
    // failure: the temporary file must still be removed, the target kept.
    const path = join(dir, 'plan.json')
    await writeFile(path, 'previous content')
    function* blocksThenFail(): Generator<string> {
      for (let i = 0; i < 40; i++) yield 'x'.repeat(100_000)
      throw new Error('cannot serialise')
    }
    await expect(writeTextFile(path, blocksThenFail())).rejects.toThrow(
      'cannot serialise'
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

  it('flushes to the disk unless told not to, as for the report files', async () => {
    const probe = await open(join(dir, 'probe'), 'w')
    const fileHandle = Object.getPrototypeOf(probe) as FileHandle
    await probe.close()
    const sync = vi.spyOn(fileHandle, 'sync')
    try {
      await writeJson(dir, 'rollback.json', { users: [] })
      expect(sync).toHaveBeenCalledTimes(1)
      const plan = buildPlan(planInputOf(mixedUsers()))
      await writeReportFiles(join(dir, 'report'), plan, '# summary\n')
      expect(sync).toHaveBeenCalledTimes(1)
    } finally {
      sync.mockRestore()
    }
  })
})
