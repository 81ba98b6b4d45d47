/**
 * `JSON.stringify(value, null, 2)` cut into pieces, so a plan of 100,000
 * users reaches the disk without ever being one string of 50 MB (and a
 * buffer of as much again). Joined, the pieces are exactly that text.
 */

/** Arrays longer than this are written element by element. */
const STREAM_ARRAY_AFTER = 64

/** About this many characters per piece handed to the writer. */
const PIECE_CHARS = 1 << 20

/** The pieces of `JSON.stringify(value, null, 2)`, in order. */
export function* prettyJsonChunks(
  value: unknown,
  pieceChars = PIECE_CHARS
): Generator<string> {
  let pending: string[] = []
  let size = 0
  for (const part of parts(withToJson(value, ''), '')) {
    pending.push(part)
    size += part.length
    if (size >= pieceChars) {
      yield pending.join('')
      pending = []
      size = 0
    }
  }
  if (pending.length > 0) yield pending.join('')
}

/**
 * The text of `resolved` (its `toJSON` already applied) at one nesting
 * level; `indent` is the indentation of its own closing bracket.
 */
function* parts(resolved: unknown, indent: string): Generator<string> {
  if (Array.isArray(resolved) && resolved.length > STREAM_ARRAY_AFTER) {
    yield* arrayParts(resolved, indent)
  } else if (indent === '' && isPlainRecord(resolved)) {
    // The top level is always taken apart: it holds the long lists.
    yield* objectParts(resolved, indent)
  } else {
    yield reindent(JSON.stringify(resolved, null, 2), indent)
  }
}

function* arrayParts(items: unknown[], indent: string): Generator<string> {
  const inner = `${indent}  `
  yield '['
  for (let i = 0; i < items.length; i++) {
    yield i === 0 ? `\n${inner}` : `,\n${inner}`
    const item = withToJson(items[i], String(i))
    // JSON writes null for what it cannot write inside an array.
    yield isUnwritable(item) ? 'null' : reindent(JSON.stringify(item, null, 2), inner)
  }
  yield `\n${indent}]`
}

function* objectParts(
  record: Record<string, unknown>,
  indent: string
): Generator<string> {
  const inner = `${indent}  `
  let first = true
  for (const key of Object.keys(record)) {
    const member = withToJson(record[key], key)
    // JSON leaves out members it cannot write.
    if (isUnwritable(member)) continue
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `
    yield* parts(member, inner)
    first = false
  }
  yield first ? '{}' : `\n${indent}}`
}

/** Indents every line after the first; JSON text has no raw line breaks. */
function reindent(text: string | undefined, indent: string): string {
  // Only the top level can be unwritable here; JSON.stringify says so too.
  if (text === undefined) return String(text)
  return indent === '' ? text : text.replaceAll('\n', `\n${indent}`)
}

function withToJson(value: unknown, key: string): unknown {
  const toJSON =
    typeof value === 'object' && value !== null
      ? (value as { toJSON?: unknown }).toJSON
      : undefined
  return typeof toJSON === 'function'
    ? (toJSON as (key: string) => unknown).call(value, key)
    : value
}

function isUnwritable(value: unknown): boolean {
  return (
    value === undefined ||
    typeof value === 'function' ||
    typeof value === 'symbol'
  )
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
