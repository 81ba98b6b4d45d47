/**
 * `JSON.stringify(value, null, 2)` cut into pieces, so a plan of 100,000
 * users reaches the disk without ever being one string of 50 MB (and a
 * buffer of as much again). Joined, the pieces are exactly that text.
 */

/**
 * Elements per piece when a long array is cut up: few, so that most pieces
 * hold only characters up to U+00FF and encode fast (see files.ts).
 */
const ITEMS_PER_PIECE = 25

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
    yield* valuePieces(resolved, false, itemsPerPiece)
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
    yield* valuePieces(member, true, itemsPerPiece)
  }
  yield members === 0 ? '{}' : '\n}'
}

/**
 * `resolved` (toJSON applied), at the top level or as a member of the top
 * object. JSON.stringify indents a value for where it sits when given it
 * inside an object of the same shape, which is much faster than indenting
 * its text afterwards; the wrapper's own text is then cut off.
 */
function* valuePieces(
  resolved: unknown,
  nested: boolean,
  itemsPerPiece: number
): Generator<string> {
  if (!Array.isArray(resolved) || resolved.length <= itemsPerPiece) {
    // JSON.stringify answers undefined for an unwritable top level; the
    // text then reads "undefined", as a template string would put it.
    const text = nested
      ? cut(resolved, MEMBER)
      : (JSON.stringify(resolved, null, 2) as string | undefined)
    yield text ?? 'undefined'
    return
  }
  const elements = nested ? MEMBER_ELEMENTS : ELEMENTS
  for (let start = 0; start < resolved.length; start += itemsPerPiece) {
    const slice = resolved.slice(start, start + itemsPerPiece)
    yield `${start === 0 ? '[\n' : ',\n'}${cut(slice, elements)}`
  }
  yield nested ? '\n  ]' : '\n]'
}

/** How a value is wrapped, and the wrapper's text before and after it. */
interface Frame {
  wrap: (value: unknown) => unknown
  head: number
  tail: number
}

function frame(
  wrap: (value: unknown) => unknown,
  head: string,
  tail: string
): Frame {
  return { wrap, head: head.length, tail: tail.length }
}

/** A value in a member of the top object. */
const MEMBER = frame((value) => ({ k: value }), '{\n  "k": ', '\n}')

/** The elements of a top-level list, indented as there. */
const ELEMENTS = frame((value) => value, '[\n', '\n]')

/** The elements of a list in a member of the top object. */
const MEMBER_ELEMENTS = frame(
  (value) => ({ k: value }),
  '{\n  "k": [\n',
  '\n  ]\n}'
)

function cut(value: unknown, where: Frame): string {
  const text = JSON.stringify(where.wrap(value), null, 2)
  return text.slice(where.head, text.length - where.tail)
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
