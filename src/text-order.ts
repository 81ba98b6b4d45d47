/**
 * Orders strings by UTF-16 code units.
 *
 * Unlike `localeCompare`, the result does not depend on the runner's ICU
 * data or locale, so sorted lists (and the plan id hashed over them) come
 * out the same on every machine.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1
  return a > b ? 1 : 0
}
