/**
 * Evaluates a parsed activity filter against a record, and reads from it
 * what the search needs to plan: the actors it names and whether it bounds
 * the timestamp.
 */
import type { Filter } from './activity-filter.ts'

type Json = Record<string, unknown>

/** True when the record satisfies the filter. */
export function matchesFilter(filter: Filter, record: Json): boolean {
  if (filter.kind === 'and')
    return filter.parts.every((f) => matchesFilter(f, record))
  if (filter.kind === 'or')
    return filter.parts.some((f) => matchesFilter(f, record))
  if (filter.kind === 'not') return !matchesFilter(filter.inner, record)
  const [path = '', ...args] = filter.args
  return testValues(filter.name, valuesAt(record, path), args)
}

function testValues(name: string, values: unknown[], args: string[]): boolean {
  const present = values.filter((v) => v !== null && v !== undefined)
  if (name === 'exists') return present.length > 0
  if (name === 'missing') return present.length === 0
  const [first = '', second = ''] = args
  return present.some((value) => {
    const text = String(value)
    const number = Number(value)
    switch (name) {
      case 'equals':
        return text.toLowerCase() === first.toLowerCase()
      case 'equalscasesensitive':
        return text === first
      case 'startswith':
        return text.toLowerCase().startsWith(first.toLowerCase())
      case 'containswordstartingwith':
        return text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .some((word) => word.startsWith(first.toLowerCase()))
      case 'gt':
        return number > Number(first)
      case 'gte':
        return number >= Number(first)
      case 'lt':
        return number < Number(first)
      case 'lte':
        return number <= Number(first)
      case 'range':
        return number >= Number(first) && number <= Number(second)
      default:
        return false
    }
  })
}

/** Values at a dotted path; arrays on the way fan out (items.data.type). */
function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record]
  for (const key of path.split('.')) {
    current = current.flatMap((value) => {
      const next = (value as Json | null)?.[key]
      return Array.isArray(next) ? next : [next]
    })
  }
  return current
}

const ACTOR_KEYS = ['user', 'userid']

/**
 * The actors a filter limits the search to, or null when it may match any
 * actor. The search uses it to read one actor's records, not all of them.
 */
export function actorsOf(filter: Filter): string[] | null {
  if (filter.kind === 'call') {
    const [path = '', value = ''] = filter.args
    const isActor = filter.name.startsWith('equals')
    return isActor && ACTOR_KEYS.includes(path.toLowerCase()) ? [value] : null
  }
  if (filter.kind === 'not') return null
  const parts = filter.parts.map(actorsOf)
  if (filter.kind === 'and') return parts.find((p) => p !== null) ?? null
  return parts.every((p) => p !== null) ? (parts as string[][]).flat() : null
}

/** True when any condition of the filter names the timestamp. */
export function boundsTimestamp(filter: Filter): boolean {
  if (filter.kind === 'call') return filter.args[0] === 'timestamp'
  if (filter.kind === 'not') return boundsTimestamp(filter.inner)
  return filter.parts.some(boundsTimestamp)
}
