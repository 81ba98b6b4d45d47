import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  countOurSteps,
  findLanguageServiceProblems,
  findParserProblems,
  findUnknownWithKeys,
  findWorkflowBlocks
} from './workflow-checks.ts'

const ROOT = new URL('../../', import.meta.url)
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8')
const ACTION_YML = read('action.yml')

function yamlFilesIn(dir: string): string[] {
  return readdirSync(new URL(dir, ROOT))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `${dir}${name}`)
}

const workflows: [string, string][] = [
  ...[...yamlFilesIn('.github/workflows/'), ...yamlFilesIn('examples/')].map(
    (path): [string, string] => [path, read(path)]
  ),
  ...findWorkflowBlocks(read('README.md')).map(
    (text, index): [string, string] => [`README.md#workflow-${index + 1}`, text]
  )
]

describe.each(workflows)('workflow %s', (name, text) => {
  it("parses and converts under GitHub's workflow parser", async () => {
    expect(await findParserProblems(name, text)).toEqual([])
  })

  it("has no error diagnostics from GitHub's language service", async () => {
    expect(await findLanguageServiceProblems(name, text, ACTION_YML)).toEqual(
      []
    )
  })

  it('passes this action only inputs that action.yml declares', () => {
    expect(findUnknownWithKeys(name, text, ACTION_YML)).toEqual([])
  })
})

describe('the workflows under test', () => {
  // Guards the checks above against passing because they saw nothing.
  it('include CI, the example and README workflows that run this action', () => {
    const names = workflows.map(([name]) => name)
    expect(names).toContain('.github/workflows/ci.yml')
    expect(names).toContain('examples/reltio-inactive-users.yml')
    expect(names.some((name) => name.startsWith('README.md#'))).toBe(true)
    for (const [name, text] of workflows) {
      expect({ name, steps: countOurSteps(text) }).not.toMatchObject({
        steps: 0
      })
    }
  })
})

describe('the workflow checks', () => {
  const ci = read('.github/workflows/ci.yml')
  const example = read('examples/reltio-inactive-users.yml')
  // Only the `with:` keys: the example's dispatch inputs are named dry-run too.
  const misspell = (text: string): string =>
    text.replace(/^(\s+)dry-run:(?= true| \$\{\{)/m, '$1dry-rn:')

  it('flag a with: key that action.yml lacks, on uses: ./', async () => {
    const wrong = misspell(ci)
    expect(wrong).not.toBe(ci)
    expect(findUnknownWithKeys('ci.yml', wrong, ACTION_YML)).toEqual([
      expect.stringContaining("with 'dry-rn'")
    ])
    expect(
      await findLanguageServiceProblems('ci.yml', wrong, ACTION_YML)
    ).toEqual([expect.stringContaining("Invalid action input 'dry-rn'")])
  })

  it('flag a with: key that action.yml lacks, on owner/repo@v1', async () => {
    const wrong = misspell(example)
    expect(findUnknownWithKeys('example.yml', wrong, ACTION_YML)).toHaveLength(
      1
    )
    expect(
      await findLanguageServiceProblems('example.yml', wrong, ACTION_YML)
    ).toEqual([expect.stringContaining("Invalid action input 'dry-rn'")])
  })

  it('flag a missing required input', async () => {
    const wrong = example.replace(
      /^\s+client-secret:.*\n(?:\s+\$\{\{.*\n)?/m,
      ''
    )
    expect(wrong).not.toBe(example)
    expect(
      (
        await findLanguageServiceProblems('example.yml', wrong, ACTION_YML)
      ).join('\n')
    ).toContain('client-secret')
  })

  it('flag a job key that workflows do not have', async () => {
    const wrong = ci.replace(
      'runs-on: ubuntu-latest',
      'runs-on: ubuntu-latest\n    timeout: 5'
    )
    expect(await findParserProblems('ci.yml', wrong)).toEqual([
      expect.stringContaining("Unexpected value 'timeout'")
    ])
  })

  it('flag a cron expression that cannot run', async () => {
    const wrong = example.replace("'17 6 * * *'", "'77 6 * * *'")
    expect(wrong).not.toBe(example)
    expect(
      (
        await findLanguageServiceProblems('example.yml', wrong, ACTION_YML)
      ).join('\n')
    ).toContain('Invalid cron expression')
  })

  it('find workflow blocks in Markdown and skip other YAML', () => {
    const markdown = [
      '```yaml\nallow:\n  - match: a\n```',
      '```yaml\non: push\njobs:\n  a:\n    runs-on: x\n```'
    ].join('\n\n')
    expect(findWorkflowBlocks(markdown)).toEqual([
      'on: push\njobs:\n  a:\n    runs-on: x\n'
    ])
  })
})
