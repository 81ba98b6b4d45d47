import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  USAGE_EXAMPLE,
  extractSection,
  findDrift,
  readActionDoc,
  regenerateReadme,
  renderInputsTable,
  renderOutputsTable
} from '../../scripts/readme-tables.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)
// The script runs on Node 24's type stripping, as `npm run docs` runs it.
const NODE_24 = join(ROOT, 'node_modules/.bin/node')
const SCRIPT = join(ROOT, 'scripts/readme-tables.ts')

const readRepoFile = (path: string): Promise<string> =>
  readFile(join(ROOT, path), 'utf8')

describe('README.md', () => {
  it('has the inputs, outputs and usage that action.yml and examples/ give', async () => {
    const [readme, actionYml, example] = await Promise.all([
      readRepoFile('README.md'),
      readRepoFile('action.yml'),
      readRepoFile(USAGE_EXAMPLE)
    ])
    expect(findDrift(readme, actionYml, example)).toEqual([])
  })

  it('lists every input and output of action.yml', async () => {
    const [readme, actionYml] = await Promise.all([
      readRepoFile('README.md'),
      readRepoFile('action.yml')
    ])
    const doc = readActionDoc(actionYml)
    const inputs = extractSection(readme, 'inputs')
    const outputs = extractSection(readme, 'outputs')
    for (const name of Object.keys(doc.inputs)) {
      expect(inputs).toContain(`\`${name}\``)
    }
    for (const name of Object.keys(doc.outputs)) {
      expect(outputs).toContain(`\`${name}\``)
    }
    expect(Object.keys(doc.inputs).length).toBeGreaterThan(20)
  })
})

describe('findDrift', () => {
  const ACTION = [
    'name: x',
    'description: y',
    'inputs:',
    '  days:',
    '    description: Days <n> | more',
    "    default: '90'",
    'outputs:',
    '  count:',
    '    description: How many.',
    'runs:',
    '  using: node24',
    '  main: dist/index.js'
  ].join('\n')
  const EXAMPLE = 'on: push\njobs: {}\n'
  const markers = (inputs: string, outputs: string, usage: string): string =>
    [
      `<!-- inputs:start -->\n${inputs}\n<!-- inputs:end -->`,
      `<!-- outputs:start -->\n${outputs}\n<!-- outputs:end -->`,
      `<!-- usage:start -->\n${usage}\n<!-- usage:end -->`
    ].join('\n\n')
  const doc = readActionDoc(ACTION)
  const current = markers(
    renderInputsTable(doc),
    renderOutputsTable(doc),
    '```yaml\non: push\njobs: {}\n```'
  )

  it('finds nothing when the sections match', () => {
    expect(findDrift(current, ACTION, EXAMPLE)).toEqual([])
  })

  it('ignores the padding prettier adds to table cells', () => {
    const padded = current.replace('| `days` |', '|   `days`      |')
    expect(padded).not.toBe(current)
    expect(findDrift(padded, ACTION, EXAMPLE)).toEqual([])
  })

  it('catches a table edited by hand', () => {
    const drifted = current.replace('How many.', 'How many users.')
    expect(findDrift(drifted, ACTION, EXAMPLE)).toEqual(['outputs'])
  })

  it('catches an input added to action.yml but not to the README', () => {
    const grown = ACTION.replace(
      'outputs:',
      'more:\n    description: New.\noutputs:'
    ).replace('inputs:\n', 'inputs:\n  more:\n    description: New.\n')
    expect(findDrift(current, grown, EXAMPLE)).toEqual(['inputs'])
  })

  it('catches a usage block that differs from the example', () => {
    expect(findDrift(current, ACTION, 'on: pull_request\njobs: {}\n')).toEqual([
      'usage'
    ])
  })

  it('names the markers when a section has none', () => {
    expect(() => findDrift('# no markers', ACTION, EXAMPLE)).toThrow(
      '<!-- inputs:start -->'
    )
  })
})

describe('renderInputsTable', () => {
  it('escapes HTML and pipes, and puts multi-line defaults on <br> lines', () => {
    const table = renderInputsTable({
      inputs: {
        roles: {
          description: 'Roles such as <ROLE_X> | *globs*',
          required: false,
          default: 'A\nB\n'
        }
      },
      outputs: {}
    })
    expect(table.split('\n')[2]).toBe(
      '| `roles` | Roles such as &lt;ROLE_X&gt; \\| \\*globs\\* | `A`<br>`B` | no |'
    )
  })
})

describe('scripts/readme-tables.ts', () => {
  let dir: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'readme-tables-'))
    await copyFile(join(ROOT, 'README.md'), join(dir, 'README.md'))
  })

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const script = (...args: string[]) =>
    run(NODE_24, [SCRIPT, '--readme', join(dir, 'README.md'), ...args], {
      cwd: ROOT
    })

  it('exits 1 on a drifted README, and --write makes it current again', async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8')
    const drifted = readme.replace('| `concurrency`', '| `concurency`')
    expect(drifted).not.toBe(readme)
    await writeFile(join(dir, 'README.md'), drifted)

    await expect(script()).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('inputs differ')
    })
    await script('--write')
    await expect(script()).resolves.toMatchObject({ stderr: '' })
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe(readme)
  })

  it('writes a README that is already formatted as prettier wants', async () => {
    const readme = await readFile(join(dir, 'README.md'), 'utf8')
    const [actionYml, example] = await Promise.all([
      readRepoFile('action.yml'),
      readRepoFile(USAGE_EXAMPLE)
    ])
    const rewritten = await regenerateReadme(
      readme,
      actionYml,
      example,
      join(ROOT, 'README.md')
    )
    expect(rewritten).toBe(readme)
  })
})
