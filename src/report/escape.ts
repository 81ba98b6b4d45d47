import { truncateText } from './truncate.js'

// Characters that HTML or GitHub-flavoured Markdown would read as syntax in
// inline text: HTML tags and entities, table cell breaks (|), code spans (`),
// emphasis (* _ ~), links ([ ]), backslash escapes, @mentions and #issue
// references. Each becomes a numeric entity, which GitHub shows as the plain
// character and never parses again.
const INLINE_SPECIALS = /[&<>"'|`\\*_[\]~@#]/g

// A line break would end a table row or a paragraph, so it becomes a space;
// other control characters have no business in a report and would only
// confuse the reader.
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f]/g

// Bidirectional overrides can make a username read as another one
// ("Trojan Source"), so they are replaced with a visible mark.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g

// CommonMark ends a link target at ASCII space or control characters and at
// an unbalanced parenthesis; the rest would break the cell or the HTML.
// eslint-disable-next-line no-control-regex -- matching them is the point
const URL_BREAKERS = /[\u0000-\u0020\u007f"'<>()[\]|`\\]/g

/**
 * Makes record text safe as inline GitHub Markdown (a table cell or the
 * middle of a sentence): it shows as the literal text and adds no markup.
 *
 * Not meant for the start of a line, where `-`, `+` or `1.` could still
 * open a list; the renderers always put a fixed prefix or a cell border first.
 */
export function escapeInline(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL_CHARS, ' ')
    .replace(BIDI_CONTROLS, '\ufffd')
    .replace(INLINE_SPECIALS, (char) => `&#${char.charCodeAt(0)};`)
}

/** Truncates record text to one cell's length, then escapes it. */
export function escapeCell(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—'
  return escapeInline(truncateText(text))
}

/**
 * Returns an http(s) URL fit for a Markdown link target, or null.
 *
 * Characters that would end the link target or the table cell are
 * percent-encoded; any other scheme (javascript:, data:) is refused.
 */
export function escapeUrl(url: string | null): string | null {
  if (url === null || !/^https?:\/\//i.test(url)) return null
  return url.replace(URL_BREAKERS, (char) => {
    const hex = char.charCodeAt(0).toString(16).toUpperCase()
    return `%${hex.padStart(2, '0')}`
  })
}
