/**
 * Regenerates sim/github/openapi-subset.json: the operations the GitHub fake
 * serves, cut from GitHub's REST description with every component they
 * reference. The committed file was written by hand in the same structure,
 * because the full description (@octokit/openapi, 385 MB installed) is not a
 * dependency. To regenerate from the real thing:
 *
 *   npm i --no-save @octokit/openapi@23.0.2
 *   node_modules/.bin/node scripts/openapi-subset.ts [--out <file>]
 *
 * (Node 24 for type stripping), then review the diff and run the sim tests:
 * the fake's answers must still pass the checks.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createBlobStore } from '../sim/github/blob-store.ts'
import { restRoutes } from '../sim/github/dispatch.ts'

type Json = Record<string, unknown>

const SOURCE = new URL(
  '../node_modules/@octokit/openapi/generated/api.github.com.json',
  import.meta.url
)
const DEFAULT_OUT = new URL(
  '../sim/github/openapi-subset.json',
  import.meta.url
)

/** `METHOD /path` of every route the fake serves. */
function servedOperations(): Array<{ method: string; path: string }> {
  const routes = restRoutes(createBlobStore(() => 'http://127.0.0.1'))
  return Object.keys(routes).map((key) => {
    const [method = '', path = ''] = key.split(' ')
    return { method: method.toLowerCase(), path }
  })
}

/** The served operations and the components they reach, from `full`. */
export function cutSubset(full: Json): Json {
  const fullPaths = full.paths as Record<string, Record<string, Json>>
  const paths: Record<string, Record<string, Json>> = {}
  for (const { method, path } of servedOperations()) {
    const operation = fullPaths[path]?.[method]
    if (!operation)
      throw new Error(`${method} ${path} is not in the description`)
    paths[path] = { ...paths[path], [method]: stripBulk(operation) as Json }
  }
  return {
    openapi: full.openapi,
    info: { ...(full.info as Json), description: 'Subset for sim/github' },
    servers: full.servers,
    paths,
    components: collectComponents(paths, full)
  }
}

// Follows $refs transitively so every referenced component comes along.
function collectComponents(paths: Json, full: Json): Json {
  const components: Record<string, Json> = {}
  const queue = refsIn(paths)
  const seen = new Set<string>()
  while (queue.length > 0) {
    const ref = queue.pop() as string
    if (seen.has(ref)) continue
    seen.add(ref)
    const [, , section = '', name = ''] = ref.split('/')
    const value = (full.components as Record<string, Json>)[section]?.[name]
    if (value === undefined) throw new Error(`Unresolved ${ref}`)
    const stripped = stripBulk(value)
    components[section] = { ...components[section], [name]: stripped }
    queue.push(...refsIn(stripped))
  }
  return components
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child)
  )
}

// Examples and GitHub's doc metadata are most of the bytes and never checked.
function stripBulk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripBulk)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'examples' && key !== 'x-github')
      .map(([key, child]) => [key, stripBulk(child)])
  )
}

async function main(): Promise<void> {
  const outFlag = process.argv.indexOf('--out')
  const out =
    outFlag > 0 ? process.argv[outFlag + 1] : fileURLToPath(DEFAULT_OUT)
  if (!existsSync(SOURCE)) {
    console.error(
      "GitHub's REST description is not installed. Run `npm i --no-save @octokit/openapi@23.0.2` first (about 385 MB), then this script again."
    )
    process.exitCode = 1
    return
  }
  const full = JSON.parse(await readFile(SOURCE, 'utf8')) as Json
  await writeFile(
    out as string,
    `${JSON.stringify(cutSubset(full), null, 2)}\n`
  )
  console.log(`Wrote ${out}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
