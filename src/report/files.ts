import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
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
  // Not flushed to the disk: only this job reads them (the artifact upload
  // and later steps), approvals read the uploaded artifact, and a power
  // loss that could cost the unflushed bytes ends the job first. Flushing
  // 70 MB for a large customer would cost a tenth of a second for nothing.
  const options = { flush: false }
  // At once: while one file waits for the disk, the next is serialised.
  return Promise.all([
    writeJson(dir, 'plan.json', plan, options),
    writeTextFile(join(dir, 'plan.csv'), planCsvChunks(plan), options),
    writeTextFile(join(dir, 'summary.md'), [summaryMarkdown], options)
  ])
}

/** How `writeTextFile` writes. */
export interface WriteOptions {
  /** Flush the file to the disk before it takes the final name (default). */
  flush?: boolean
}

/** Writes `value` as 2-space JSON to `dir/name` and returns the path. */
export async function writeJson(
  dir: string,
  name: string,
  value: unknown,
  options: WriteOptions = {}
): Promise<string> {
  // Written piece by piece as it is serialised, so a large plan is never
  // held whole in memory. A value that cannot be serialised fails in the
  // temporary file, so the previous file stays as it was.
  return writeTextFile(
    join(dir, name),
    withFinalNewline(prettyJsonChunks(value)),
    options
  )
}

function* withFinalNewline(chunks: Iterable<string>): Generator<string> {
  yield* chunks
  yield '\n'
}

/**
 * Writes the chunks to `path` atomically: to a temporary file beside it,
 * flushed to disk unless `flush: false`, then renamed over the target.
 *
 * A run can be cancelled, time out or crash at any moment. Written in
 * place, `plan.json` or `rollback.json` would then be half a file, and the
 * approval or reactivation that later reads it would fail, or worse, act
 * on part of a list. A rename within one directory is atomic, so readers
 * see either the old file or the whole new one, never a mix.
 */
export async function writeTextFile(
  path: string,
  chunks: Iterable<string>,
  { flush = true }: WriteOptions = {}
): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  )
  try {
    await writeAll(temporary, chunks, flush)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  return path
}

async function writeAll(
  path: string,
  chunks: Iterable<string>,
  flush: boolean
): Promise<void> {
  // 'wx' refuses to follow a file that already sits at the random name.
  const handle = await open(path, 'wx', 0o644)
  try {
    await writeBlocks(handle, utf8Blocks(chunks))
    // Without the sync, a power loss after the rename could leave an
    // empty file under the final name on some file systems.
    if (flush) await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Writes the blocks in order, encoding the next block while the last one
 * is with the disk: one write in flight, so the CPU and the disk both work.
 * Awaiting each write before encoding on, as `FileHandle.writeFile` does,
 * leaves the thread idle for a tenth of a second on a large report.
 */
async function writeBlocks(
  handle: FileHandle,
  blocks: Iterable<Buffer>
): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve()
  try {
    for (const block of blocks) {
      await inFlight
      inFlight = writeWhole(handle, block)
      // Awaited once the next block is encoded; a failure until then is
      // handled, not an unhandled rejection that would end the process.
      inFlight.catch(() => undefined)
    }
  } catch (error) {
    // The encoding failed: let the write in flight end before the handle
    // closes, then report the encoding's error.
    await inFlight.catch(() => undefined)
    throw error
  }
  await inFlight
}

/** Writes all of `block`; one write may take only part of it. */
async function writeWhole(handle: FileHandle, block: Buffer): Promise<void> {
  let offset = 0
  while (offset < block.length) {
    const { bytesWritten } = await handle.write(block, offset)
    offset += bytesWritten
  }
}

/** Bytes per write. */
const BLOCK_BYTES = 1 << 20

/** UTF-8 takes at most three bytes for each UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3

/**
 * The chunks as UTF-8, encoded straight into blocks of up to BLOCK_BYTES.
 * Encoding each small chunk into a block, rather than into a buffer of its
 * own that is copied into the block later, keeps a report of 100,000 users
 * to one copy of its 70 MB; small chunks also encode fast, as V8 keeps
 * text with no character above U+00FF in one byte per character.
 *
 * Two blocks are filled in turn. Writing from memory fresh from the system
 * costs the kernel several times what writing from pages already in use
 * does, and `writeBlocks` asks for a block only once every write but the
 * last has ended, so the block yielded before the last one is free again.
 */
function* utf8Blocks(chunks: Iterable<string>): Generator<Buffer> {
  const blocks: Buffer[] = [Buffer.allocUnsafe(BLOCK_BYTES)]
  let turn = 0
  let block = blocks[0] as Buffer
  let used = 0
  for (const chunk of chunks) {
    const mostBytes = chunk.length * MAX_UTF8_PER_UNIT
    if (used > 0 && used + mostBytes > BLOCK_BYTES) {
      yield block.subarray(0, used)
      turn = 1 - turn
      block = blocks[turn] ??= Buffer.allocUnsafe(BLOCK_BYTES)
      used = 0
    }
    if (mostBytes > BLOCK_BYTES) {
      yield Buffer.from(chunk, 'utf8')
    } else {
      used += block.write(chunk, used, 'utf8')
    }
  }
  if (used > 0) yield block.subarray(0, used)
}
