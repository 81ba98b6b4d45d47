/**
 * `JSON.stringify(value, null, 2)` cut into pieces, so a plan of 100,000
 * users reaches the disk without ever being one string of 50 MB (and a
 * buffer of as much again). Joined, the pieces are exactly that text.
 */

/** Elements per piece when a long array is cut up. */
const ITEMS_PER_PIECE = 1000

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order. Arrays longer
 * than `itemsPerPiece` at the top level, or in a member of a top-level
 * object, are serialised that many elements at a time; JSON.stringify does
 * the work on each slice, as it is faster than any hand-written
 * serialiser. The one difference: `toJSON` of an element receives its
 * index within the slice.
 */
export function* prettyJsonChunks(
  value: unknown,
  itemsPerPiece = ITEMS_PER_PIECE
): Generator<string> {
  const resolved = withToJson(value, '')
  if (isPlainRecord(resolved)) {
    yield* objectPieces(resolved, itemsPerPiece)
  } else {
    yield* valuePieces(resolved, '', itemsPerPiece)
  }
}

/** The top-level object, member by member. */
function* objectPieces(
  record: Record<string, unknown>,
  itemsPerPiece: number
): Generator<string> {
  let members = 0
  for (const key of Object.keys(record)) {
    const member = withToJson(record[key], key)
    // JSON leaves out members it cannot write.
    if (isUnwritable(member)) continue
    yield `${members++ === 0 ? '{' : ','}\n  ${JSON.stringify(key)}: `
    yield* valuePieces(member, '  ', itemsPerPiece)
  }
  yield members === 0 ? '{}' : '\n}'
}

/** `resolved` (toJSON applied) with its closing bracket at `indent`. */
function* valuePieces(
  resolved: unknown,
  indent: string,
  itemsPerPiece: number
): Generator<string> {
  if (!Array.isArray(resolved) || resolved.length <= itemsPerPiece) {
    yield reindent(JSON.stringify(resolved, null, 2), indent)
    return
  }
  for (let start = 0; start < resolved.length; start += itemsPerPiece) {
    const slice = resolved.slice(start, start + itemsPerPiece)
    // "[\n  a,\n  b\n]" without its brackets is the elements' own text.
    const elements = JSON.stringify(slice, null, 2).slice(2, -2)
    const open = start === 0 ? '[\n' : ',\n'
    yield `${open}${indent}${reindent(elements, indent)}`
  }
  yield `\n${indent}]`
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
