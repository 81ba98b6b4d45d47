/** Longest record text shown in one summary cell, in code points. */
export const MAX_CELL_CHARS = 200

/**
 * Shortens text to `max` code points, ending it with an ellipsis.
 *
 * Counting code points rather than UTF-16 units keeps an emoji or another
 * astral character whole instead of leaving half a surrogate pair behind.
 */
export function truncateText(text: string, max = MAX_CELL_CHARS): string {
  if (text.length <= max) return text
  const codePoints = Array.from(text)
  if (codePoints.length <= max) return text
  return `${codePoints.slice(0, max - 1).join('')}…`
}
