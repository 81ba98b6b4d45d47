/**
 * The allowlist file: people the reviewers chose to keep, each with a reason,
 * an owner and an optional expiry day. Parsed strictly so that a typo shows up
 * as an error naming the entry and field, never as an entry that silently
 * does not match.
 */
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Node,
  type Pair,
  type YAMLMap
} from 'yaml'
import { DAY_MS, isoDay, parseIsoDay } from './dates.js'
import type { AllowlistEntry } from './types.js'

const ENTRY_FIELDS = ['match', 'reason', 'owner', 'expires'] as const
type EntryField = (typeof ENTRY_FIELDS)[number]

/** An allowlist file that cannot be read; one problem per line. */
export class AllowlistError extends Error {
  override name = 'AllowlistError'
  readonly problems: string[]

  constructor(problems: string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

/**
 * Parses the allowlist YAML (a top-level `allow:` list of entries).
 * @throws AllowlistError listing every bad entry with its index, line and field
 */
export function parseAllowlist(text: string): AllowlistEntry[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  if (doc.errors.length > 0) {
    throw new AllowlistError(
      doc.errors.map(
        (error) => `line ${lines.linePos(error.pos[0]).line}: ${error.message}`
      )
    )
  }
  const problems: string[] = []
  const entries = readAllowList(doc.contents, lines, problems)
  if (problems.length > 0) throw new AllowlistError(problems)
  return entries
}

/**
 * Splits entries into those that apply at `now` and those past their expiry.
 * An entry applies through the whole of its `expires` day (UTC).
 */
export function splitAllowlist(
  entries: readonly AllowlistEntry[],
  now: Date
): { active: AllowlistEntry[]; expired: AllowlistEntry[] } {
  const active: AllowlistEntry[] = []
  const expired: AllowlistEntry[] = []
  for (const entry of entries) {
    if (hasExpired(entry, now)) expired.push(entry)
    else active.push(entry)
  }
  return { active, expired }
}

function hasExpired(entry: AllowlistEntry, now: Date): boolean {
  if (entry.expires === null) return false
  const day = parseIsoDay(entry.expires)
  // An unreadable day keeps the entry applying: the cost is a kept user,
  // where the other way round it would be a proposed deactivation.
  if (day === null) return false
  return now.getTime() >= day.getTime() + DAY_MS
}

function readAllowList(
  contents: Node | null,
  lines: LineCounter,
  problems: string[]
): AllowlistEntry[] {
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return []
  }
  if (!isMap(contents)) {
    problems.push(`${at(contents, lines)}the file must start with 'allow:'`)
    return []
  }
  let list: Node | null = null
  for (const pair of contents.items) {
    const key = keyText(pair)
    if (key === 'allow') list = pair.value as Node | null
    else
      problems.push(
        `${at(pair.key, lines)}unknown key '${key}'; only 'allow' is read`
      )
  }
  if (list === null || (isScalar(list) && list.value === null)) return []
  if (!isSeq(list)) {
    problems.push(`${at(list, lines)}'allow' must be a list of entries`)
    return []
  }
  const entries: AllowlistEntry[] = []
  list.items.forEach((item, index) => {
    const line = lineNumber(item, lines)
    const where = `entry ${index + 1}${line === undefined ? '' : ` (line ${line})`}`
    const entry = readEntry(item as Node, where, problems)
    if (entry) entries.push(entry)
  })
  return entries
}

function readEntry(
  item: Node,
  where: string,
  problems: string[]
): AllowlistEntry | null {
  if (!isMap(item)) {
    problems.push(`${where}: must be a mapping with match, reason and owner`)
    return null
  }
  const fields = readFields(item, where, problems)
  const before = problems.length
  const match = requiredText(fields, 'match', where, problems)
  const reason = requiredText(fields, 'reason', where, problems)
  const owner = requiredText(fields, 'owner', where, problems)
  const expires = expiryDay(fields.get('expires'), where, problems)
  if (problems.length > before || !match || !reason || !owner) return null
  return { match, reason, owner, expires }
}

function readFields(
  item: YAMLMap,
  where: string,
  problems: string[]
): Map<EntryField, unknown> {
  const fields = new Map<EntryField, unknown>()
  for (const pair of item.items) {
    const key = keyText(pair)
    if (isEntryField(key)) {
      fields.set(key, isScalar(pair.value) ? pair.value.value : pair.value)
    } else {
      problems.push(
        `${where}: field '${key}' is not known; use match, reason, owner and expires`
      )
    }
  }
  return fields
}

function requiredText(
  fields: Map<EntryField, unknown>,
  field: EntryField,
  where: string,
  problems: string[]
): string | null {
  const value = fields.get(field)
  if (value === undefined || value === null || value === '') {
    problems.push(`${where}: field '${field}' is required`)
    return null
  }
  if (typeof value !== 'string') {
    problems.push(`${where}: field '${field}' must be text; put it in quotes`)
    return null
  }
  const text = value.trim()
  if (text === '') problems.push(`${where}: field '${field}' is required`)
  return text || null
}

function expiryDay(
  value: unknown,
  where: string,
  problems: string[]
): string | null {
  if (value === undefined || value === null) return null
  // YAML 1.1 documents turn an unquoted date into a timestamp; YAML 1.2 (the
  // default) leaves it a string. Both mean the same day.
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return isoDay(value)
  }
  if (typeof value === 'string' && parseIsoDay(value.trim())) {
    return value.trim()
  }
  problems.push(
    `${where}: field 'expires' must be a day written YYYY-MM-DD; got ${describeValue(value)}`
  )
  return null
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return 'a list or mapping'
}

function isEntryField(key: string): key is EntryField {
  return (ENTRY_FIELDS as readonly string[]).includes(key)
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
}

/** "line N: " for a node that has a place in the text, else nothing. */
function at(node: unknown, lines: LineCounter): string {
  const line = lineNumber(node, lines)
  return line === undefined ? '' : `line ${line}: `
}

function lineNumber(node: unknown, lines: LineCounter): number | undefined {
  const start = (node as Node | null)?.range?.[0]
  return start === undefined ? undefined : lines.linePos(start).line
}
