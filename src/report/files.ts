import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { planCsvChunks } from './csv.js'
import { prettyJsonChunks } from './json-chunks.js'
import type { Plan } from './types.js'

/**
 * Writes `plan.json`, `plan.csv` and `summary.md` into `dir` (created when
 * missing) and returns their paths.
 */
export async function writeReportFiles(
  dir: string,
  plan: Plan,
  summaryMarkdown: string
): Promise<string[]> {
  // At once: while one file waits for the disk, the next is serialised.
  return Promise.all([
    writeJson(dir, 'plan.json', plan),
    writeTextFile(join(dir, 'plan.csv'), planCsvChunks(plan)),
    writeTextFile(join(dir, 'summary.md'), [summaryMarkdown])
  ])
}

/** Writes `value` as 2-space JSON to `dir/name` and returns the path. */
export async function writeJson(
  dir: string,
  name: string,
  value: unknown
): Promise<string> {
  // Written piece by piece as it is serialised, so a large plan is never
  // held whole in memory. A value that cannot be serialised fails in the
  // temporary file, so the previous file stays as it was.
  return writeTextFile(
    join(dir, name),
    withFinalNewline(prettyJsonChunks(value))
  )
}

function* withFinalNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks
  yield '\n'
}

/**
 * Writes the chunks to `path` atomically: to a temporary file beside it,
 * flushed to disk, then renamed over the target.
 *
 * A run can be cancelled, time out or crash at any moment. Written in
 * place, `plan.json` or `rollback.json` would then be half a file, and the
 * approval or reactivation that later reads it would fail, or worse, act
 * on part of a list. A rename within one directory is atomic, so readers
 * see either the old file or the whole new one, never a mix.
 */
export async function writeTextFile(
  path: string,
  chunks: Iterable<string>
): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  )
  try {
    await writeAndSync(temporary, chunks)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  return path
}

async function writeAndSync(
  path: string,
  chunks: Iterable<string>
): Promise<void> {
  // 'wx' refuses to follow a file that already sits at the random name.
  const handle = await open(path, 'wx', 0o644)
  try {
    // writeFile, unlike write, loops until every byte is written.
    await handle.writeFile(utf8Blocks(chunks))
    // Without the sync, a power loss after the rename could leave an
    // empty file under the final name on some file systems.
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** About this many bytes per write. */
const BLOCK_BYTES = 1 << 20

/**
 * The chunks as UTF-8, gathered into blocks of about BLOCK_BYTES. Small
 * chunks encode faster: V8 keeps text with no character above U+00FF in
 * one byte per character, and one name in Turkish or Cyrillic turns a
 * whole large chunk into two bytes per character, about ten times slower
 * to encode. Gathering them keeps the writes few.
 */
function* utf8Blocks(chunks: Iterable<string>): Generator<Buffer> {
  let parts: Buffer[] = []
  let bytes = 0
  for (const chunk of chunks) {
    const encoded = Buffer.from(chunk, 'utf8')
    parts.push(encoded)
    bytes += encoded.length
    if (bytes >= BLOCK_BYTES) {
      yield Buffer.concat(parts, bytes)
      parts = []
      bytes = 0
    }
  }
  if (bytes > 0) yield Buffer.concat(parts, bytes)
}
