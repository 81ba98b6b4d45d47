/**
 * The activity log's filter language, enough of it for real queries:
 * `equals(user,'x') and gte(timestamp,1700000000000)`, with AND/OR/NOT in
 * either case, parentheses, and the documented condition functions.
 */

/** A parsed filter. */
export type Filter =
  | { kind: 'and'; parts: Filter[] }
  | { kind: 'or'; parts: Filter[] }
  | { kind: 'not'; inner: Filter }
  | { kind: 'call'; name: string; args: string[] }

const FUNCTIONS: Record<string, number> = {
  equals: 2,
  equalscasesensitive: 2,
  startswith: 2,
  containswordstartingwith: 2,
  gt: 2,
  gte: 2,
  lt: 2,
  lte: 2,
  range: 3,
  exists: 1,
  missing: 1
}

/** A filter that does not parse; the message says where. */
export class FilterSyntaxError extends Error {
  override name = 'FilterSyntaxError'
}

/** Splits a filter into words, quoted strings and punctuation. */
function tokenize(text: string): string[] {
  const pattern = /\s*(?:([(),])|'((?:[^']|'')*)'|"([^"]*)"|([^\s(),'"]+))/y
  const tokens: string[] = []
  let end = 0
  let match: RegExpExecArray | null
  while ((match = pattern.exec(text)) && match[0] !== '') {
    const quoted = match[2] ?? match[3]
    tokens.push(
      quoted === undefined ? String(match[1] ?? match[4]) : `'${quoted}`
    )
    end = pattern.lastIndex
  }
  if (text.slice(end).trim() !== '') {
    throw new FilterSyntaxError(`Cannot read the filter after position ${end}`)
  }
  return tokens
}

/** Parses a filter string. */
export function parseFilter(text: string): Filter {
  const tokens = tokenize(text)
  let at = 0
  const peekWord = () => (tokens[at] ?? '').toLowerCase()
  const expect = (token: string) => {
    if (tokens[at] !== token) {
      throw new FilterSyntaxError(
        `Expected '${token}' at token ${at}, found '${tokens[at] ?? 'end'}'`
      )
    }
    at++
  }
  const list = (kind: 'and' | 'or', next: () => Filter): Filter => {
    const parts = [next()]
    while (peekWord() === kind) {
      at++
      parts.push(next())
    }
    if (parts.length === 1) return parts[0] as Filter
    return { kind, parts }
  }
  const orExpr = (): Filter => list('or', andExpr)
  const andExpr = (): Filter => list('and', unary)
  const unary = (): Filter => {
    if (peekWord() === 'not') {
      at++
      return { kind: 'not', inner: unary() }
    }
    if (tokens[at] === '(') {
      at++
      const inner = orExpr()
      expect(')')
      return inner
    }
    return call()
  }
  const call = (): Filter => {
    const name = tokens[at++] ?? ''
    const arity = FUNCTIONS[name.toLowerCase()]
    if (arity === undefined)
      throw new FilterSyntaxError(`Unknown filter function '${name}'`)
    expect('(')
    const args: string[] = []
    while (tokens[at] !== ')') {
      if (at >= tokens.length) throw new FilterSyntaxError(`Unclosed ${name}(`)
      if (args.length > 0) expect(',')
      args.push(unquote(tokens[at++] ?? ''))
    }
    expect(')')
    if (args.length !== arity) {
      throw new FilterSyntaxError(
        `${name} takes ${arity} arguments, got ${args.length}`
      )
    }
    return { kind: 'call', name: name.toLowerCase(), args }
  }

  const filter = orExpr()
  if (at !== tokens.length)
    throw new FilterSyntaxError(`Unexpected '${tokens[at]}'`)
  return filter
}

function unquote(token: string): string {
  // Only the first 256 characters of a value count, as documented.
  const value = token.startsWith("'")
    ? token.slice(1).replaceAll("''", "'")
    : token
  return value.slice(0, 256)
}
