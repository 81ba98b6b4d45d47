/**
 * Undoes the numeric and named HTML entities the summary and issue use to
 * escape record text, so tests can look for a username as a reader sees it.
 */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"'
  }
  return text
    .replace(/&#(\d+);/g, (_, code: string) =>
      String.fromCodePoint(Number(code))
    )
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(parseInt(hex, 16))
    )
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) => named[name] ?? '')
}
