/**
 * Generates the README's inputs and outputs tables, and its usage workflow,
 * from action.yml and examples/, so the documentation cannot drift from the
 * action. `node scripts/readme-tables.ts --write` rewrites README.md;
 * without `--write` it exits 1 when the README differs.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

/** One input of action.yml, as far as the README shows it. */
export interface InputDoc {
  description: string
  required: boolean
  default: string | null
}

/** The parts of action.yml that the README documents. */
export interface ActionDoc {
  inputs: Record<string, InputDoc>
  outputs: Record<string, { description: string }>
}

/** A README section that is generated between two HTML comment markers. */
export type SectionName = 'inputs' | 'outputs' | 'usage'

/** Path of the ready-to-copy workflow that the README's usage section shows. */
export const USAGE_EXAMPLE = 'examples/reltio-inactive-users.yml'

/** Reads the inputs and outputs of an action.yml text. */
export function readActionDoc(actionYml: string): ActionDoc {
  const raw = parse(actionYml) as {
    inputs?: Record<string, Partial<Record<string, unknown>>>
    outputs?: Record<string, Partial<Record<string, unknown>>>
  }
  const inputs: Record<string, InputDoc> = {}
  for (const [name, input] of Object.entries(raw.inputs ?? {})) {
    inputs[name] = {
      description: String(input.description ?? ''),
      required: input.required === true,
      default: input.default === undefined ? null : String(input.default)
    }
  }
  const outputs: Record<string, { description: string }> = {}
  for (const [name, output] of Object.entries(raw.outputs ?? {})) {
    outputs[name] = { description: String(output.description ?? '') }
  }
  return { inputs, outputs }
}

/** Renders the inputs as a Markdown table: name, description, default, required. */
export function renderInputsTable(doc: ActionDoc): string {
  const rows = Object.entries(doc.inputs).map(([name, input]) => [
    code(name),
    escapeCell(input.description.trim()),
    renderDefault(input.default),
    input.required ? 'yes' : 'no'
  ])
  return renderTable(['Name', 'Description', 'Default', 'Required'], rows)
}

/** Renders the outputs as a Markdown table: name, description. */
export function renderOutputsTable(doc: ActionDoc): string {
  const rows = Object.entries(doc.outputs).map(([name, output]) => [
    code(name),
    escapeCell(output.description.trim())
  ])
  return renderTable(['Name', 'Description'], rows)
}

/** Renders the usage section: the example workflow as a YAML code block. */
export function renderUsage(exampleYml: string): string {
  return '```yaml\n' + exampleYml.trimEnd() + '\n```'
}

/** Returns the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function extractSection(readme: string, name: SectionName): string {
  const { start, end } = findMarkers(readme, name)
  return readme.slice(start, end)
}

/** Returns the README with the text between a section's markers replaced. */
export function replaceSection(
  readme: string,
  name: SectionName,
  content: string
): string {
  const { start, end } = findMarkers(readme, name)
  return `${readme.slice(0, start)}\n\n${content}\n\n${readme.slice(end)}`
}

/**
 * Lists the generated sections whose README text differs from what
 * action.yml and the example workflow give, ignoring table padding and
 * other layout that prettier owns.
 */
export function findDrift(
  readme: string,
  actionYml: string,
  exampleYml: string
): SectionName[] {
  const expected = expectedSections(actionYml, exampleYml)
  return (Object.keys(expected) as SectionName[]).filter(
    (name) =>
      normalize(extractSection(readme, name)) !== normalize(expected[name])
  )
}

/**
 * Returns the README with every generated section rewritten and formatted
 * with the prettier settings that apply at `formatAs` (a path in the project).
 */
export async function regenerateReadme(
  readme: string,
  actionYml: string,
  exampleYml: string,
  formatAs: string
): Promise<string> {
  let text = readme
  for (const [name, content] of Object.entries(
    expectedSections(actionYml, exampleYml)
  )) {
    text = replaceSection(text, name as SectionName, content)
  }
  const options = await resolveConfig(formatAs)
  return format(text, { ...options, filepath: formatAs })
}

function expectedSections(
  actionYml: string,
  exampleYml: string
): Record<SectionName, string> {
  const doc = readActionDoc(actionYml)
  return {
    inputs: renderInputsTable(doc),
    outputs: renderOutputsTable(doc),
    usage: renderUsage(exampleYml)
  }
}

function findMarkers(
  readme: string,
  name: SectionName
): { start: number; end: number } {
  const startMarker = `<!-- ${name}:start -->`
  const endMarker = `<!-- ${name}:end -->`
  const startAt = readme.indexOf(startMarker)
  const end = readme.indexOf(endMarker)
  if (startAt < 0 || end < startAt) {
    throw new Error(
      `README has no "${startMarker}" followed by "${endMarker}"; add both markers where the ${name} belong`
    )
  }
  return { start: startAt + startMarker.length, end }
}

function renderTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n'
  )
}

// Multi-line defaults (exclude-roles) become one code span per line, since a
// table cell cannot hold a line break.
function renderDefault(value: string | null): string {
  if (value === null || value.trim() === '') return ''
  return value
    .trim()
    .split('\n')
    .map((line) => code(line.trim()))
    .join('<br>')
}

function code(text: string): string {
  return '`' + text.replaceAll('|', '\\|') + '`'
}

// Descriptions hold placeholders such as <env>, which GitHub would swallow
// as unknown HTML tags, globs whose `*` could start emphasis, and any `|`
// would split the cell.
function escapeCell(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('*', '\\*')
    .replaceAll('|', '\\|')
    .replace(/\s+/g, ' ')
}

// Prettier pads table cells to align columns and may reflow the delimiter
// row; only the cell contents and the code block's lines carry meaning.
function normalize(section: string): string {
  return section
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\|[\s:|-]+\|$/.test(line))
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim())
            .join('|')
        : line
    )
    .join('\n')
}

async function main(argv: string[]): Promise<number> {
  const readmePath = optionValue(argv, '--readme') ?? 'README.md'
  const actionPath = optionValue(argv, '--action') ?? 'action.yml'
  const examplePath = optionValue(argv, '--example') ?? USAGE_EXAMPLE
  const [readme, actionYml, exampleYml] = (await Promise.all(
    [readmePath, actionPath, examplePath].map((path) => readFile(path, 'utf8'))
  )) as [string, string, string]

  if (argv.includes('--write')) {
    // Formatted by the project's settings even when the README given is a
    // copy elsewhere, so a copy and the original come out the same.
    const next = await regenerateReadme(
      readme,
      actionYml,
      exampleYml,
      resolve('README.md')
    )
    if (next !== readme) await writeFile(readmePath, next)
    process.stdout.write(
      `${readmePath}: ${next === readme ? 'already up to date' : 'rewritten'}\n`
    )
    return 0
  }

  const drift = findDrift(readme, actionYml, exampleYml)
  if (drift.length === 0) return 0
  process.stderr.write(
    `${readmePath}: ${drift.join(', ')} differ from ${actionPath} and ${examplePath}; run 'npm run docs'\n`
  )
  return 1
}

function optionValue(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name)
  return index < 0 ? undefined : argv[index + 1]
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2))
}
