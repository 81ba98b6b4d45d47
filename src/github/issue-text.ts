/**
 * The text encodings the review issue's renderer and parser share: how
 * record text sits in code spans and how values sit in hidden markers.
 */

/** The name our hidden HTML-comment markers start with. */
export const MARKER_NAME = 'reltio-inactive-users'

/** GitHub refuses bodies over 65,536 characters; we stay well below. */
export const MAX_BODY_BYTES = 60_000

// Characters a code span cannot hold or a reader could be fooled by:
// backticks end the span, `<`/`>` could open or close an HTML comment in a
// parser that is not code-span aware, control, format (bidi, zero-width)
// and line/paragraph separators break the line or hide text. `%` is encoded
// too, so that every `%{…}` in the output came from the encoder.
const UNSAFE_IN_CODE = /[%`<>\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/u
const SAFE_IN_MARKER = /^[A-Za-z0-9._~:@+-]$/
const ENCODED_UNIT = /%\{([0-9a-f]{1,6})\}/g

/**
 * Encodes text for a single-backtick code span so that it round-trips
 * through {@link decodeCodeText}: unsafe characters become `%{hex}`.
 */
export function encodeCodeText(text: string): string {
  const chars = splitCodePoints(text)
  const last = chars.length - 1
  return chars.map((char, index) => encodeCodeChar(char, index, last)).join('')
}

/** Reverses {@link encodeCodeText}; text without `%{hex}` stays as it is. */
export function decodeCodeText(text: string): string {
  return text.replace(ENCODED_UNIT, (whole, hex: string) => {
    const code = Number.parseInt(hex, 16)
    if (code > 0x10ffff) return whole
    return code >= 0xd800 && code <= 0xdfff
      ? String.fromCharCode(code)
      : String.fromCodePoint(code)
  })
}

/** Encodes a marker value so it holds no space and cannot end the comment. */
export function encodeMarkerValue(value: string): string {
  return splitCodePoints(value)
    .map((char) => (SAFE_IN_MARKER.test(char) ? char : encodeUnit(char)))
    .join('')
}

/** Reverses {@link encodeMarkerValue}. */
export function decodeMarkerValue(value: string): string {
  return decodeCodeText(value)
}

/**
 * A code span for display text. Text whose encoding would pass `maxBytes`
 * is cut there with a visible `…`, so record text cannot crowd out a body.
 */
export function codeSpan(text: string, maxBytes = 320): string {
  const chars = splitCodePoints(text)
  const last = chars.length - 1
  let encoded = ''
  let size = 0
  for (const [index, char] of chars.entries()) {
    const piece = encodeCodeChar(char, index, last)
    size += byteSize(piece)
    if (size > maxBytes) return `\`${encoded}…\``
    encoded += piece
  }
  return `\`${encoded}\``
}

/** A code span that must round-trip exactly, such as a username. */
export function exactCodeSpan(text: string): string {
  return '`' + encodeCodeText(text) + '`'
}

/** Size as GitHub could count it at worst: UTF-8 bytes ≥ characters. */
export function byteSize(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** The hidden marker at the top of a review issue's body. */
export function bodyMarker(fields: {
  customerId: string
  runId: string | null
  planId: string
}): string {
  const customer = encodeMarkerValue(fields.customerId)
  const run = encodeMarkerValue(fields.runId ?? '')
  const plan = encodeMarkerValue(fields.planId)
  return `<!-- ${MARKER_NAME} customer=${customer} run=${run} plan=${plan} -->`
}

/** The hidden marker at the top of a continuation comment. */
export function continuationMarker(index: number, planId: string): string {
  const plan = encodeMarkerValue(planId)
  return `<!-- ${MARKER_NAME} continuation=${index} plan=${plan} -->`
}

/** Marks a continuation comment that a shorter list no longer needs. */
export const RETIRED_MARKER = `<!-- ${MARKER_NAME} retired -->`

// Lone surrogates are split out on their own by the `u` flag, so each
// element is one code point or one unpaired surrogate.
function splitCodePoints(text: string): string[] {
  return Array.from(text)
}

function encodeCodeChar(char: string, index: number, last: number): string {
  // CommonMark strips one space from each end of a code span, and GitHub
  // trims whitespace at the edges: encode it there.
  const atEdge = index === 0 || index === last
  const unsafe = UNSAFE_IN_CODE.test(char) || (atEdge && /^\s$/u.test(char))
  return unsafe ? encodeUnit(char) : char
}

function encodeUnit(char: string): string {
  const code =
    char.length === 1 ? char.charCodeAt(0) : (char.codePointAt(0) ?? 0)
  return `%{${code.toString(16)}}`
}
