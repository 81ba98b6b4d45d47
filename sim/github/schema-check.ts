/**
 * A small JSON Schema checker for the OpenAPI 3.0 subset GitHub's REST
 * description uses: $ref, type, nullable, enum, properties, required,
 * additionalProperties, items, minItems, oneOf/anyOf/allOf, a few formats
 * and bounds.
 */

/** A schema node as found in the OpenAPI JSON. */
export type Schema = Record<string, unknown>

/** Where $refs resolve and how strict unknown properties are treated. */
export interface CheckOptions {
  /** The whole OpenAPI document, for `#/components/...` references. */
  root: unknown
  /**
   * Report properties the schema does not name. GitHub ignores them, which
   * is exactly why a misspelt field would go unnoticed; used on requests.
   */
  rejectUnknownProperties?: boolean
}

/** Every mismatch between `value` and `schema`, as `path: problem` lines. */
export function checkSchema(
  value: unknown,
  schema: Schema,
  options: CheckOptions,
  at = '$'
): string[] {
  const resolved = resolveRef(schema, options.root)
  if (value === null) return checkNull(resolved, options, at)
  if (resolved.enum && !(resolved.enum as unknown[]).includes(value)) {
    return [
      `${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(resolved.enum)}`
    ]
  }
  const composite = checkComposite(value, resolved, options, at)
  if (composite) return composite
  const typeProblem = checkType(value, resolved, at)
  if (typeProblem) return [typeProblem]
  if (Array.isArray(value)) return checkItems(value, resolved, options, at)
  if (typeof value === 'object') {
    return checkObject(value as Record<string, unknown>, resolved, options, at)
  }
  return checkScalar(value, resolved, at)
}

/** Follows a local `$ref` (possibly several) to the schema it names. */
export function resolveRef(schema: Schema, root: unknown): Schema {
  let current = schema
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${String(current.$ref)}`)
    current = pointerGet(root, current.$ref) as Schema
  }
  return current
}

function pointerGet(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs: ${ref}`)
  let node: unknown = root
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    node = (node as Record<string, unknown> | undefined)?.[key]
    if (node === undefined) throw new Error(`Unresolved $ref ${ref}`)
  }
  return node
}

function checkNull(
  schema: Schema,
  options: CheckOptions,
  at: string
): string[] {
  if (schema.nullable === true) return []
  if (Array.isArray(schema.type) && schema.type.includes('null')) return []
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return []
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined
  if (branches?.some((b) => checkSchema(null, b, options, at).length === 0)) {
    return []
  }
  if (!schema.type && !branches) return []
  return [`${at}: null is not allowed`]
}

function checkComposite(
  value: unknown,
  schema: Schema,
  options: CheckOptions,
  at: string
): string[] | null {
  if (Array.isArray(schema.allOf)) {
    return (schema.allOf as Schema[]).flatMap((s) =>
      checkSchema(value, s, options, at)
    )
  }
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined
  if (!branches) return null
  const matching = branches.filter(
    (s) => checkSchema(value, s, options, at).length === 0
  ).length
  if (schema.oneOf && matching !== 1) {
    return [
      `${at}: matches ${matching} of ${branches.length} oneOf schemas, not exactly 1`
    ]
  }
  if (schema.anyOf && matching === 0) {
    return [`${at}: matches none of the anyOf schemas`]
  }
  return []
}

function checkType(value: unknown, schema: Schema, at: string): string | null {
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : []
  if (types.length === 0 || types.some((t) => hasType(value, t))) return null
  return `${at}: expected ${types.join(' or ')}, got ${describeValue(value)}`
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'array':
      return Array.isArray(value)
    case 'object':
      return (
        typeof value === 'object' && value !== null && !Array.isArray(value)
      )
    case 'null':
      return value === null
    default:
      return typeof value === type
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim()
}

function checkItems(
  value: unknown[],
  schema: Schema,
  options: CheckOptions,
  at: string
): string[] {
  const items = schema.items as Schema | undefined
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    return [`${at}: fewer than ${schema.minItems} items`]
  }
  if (!items) return []
  return value.flatMap((item, i) =>
    checkSchema(item, items, options, `${at}[${i}]`)
  )
}

function checkObject(
  value: Record<string, unknown>,
  schema: Schema,
  options: CheckOptions,
  at: string
): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>
  const problems: string[] = []
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) problems.push(`${at}: missing required ${name}`)
  }
  for (const [name, child] of Object.entries(value)) {
    const propertySchema = properties[name]
    if (propertySchema) {
      problems.push(
        ...checkSchema(child, propertySchema, options, `${at}.${name}`)
      )
    } else {
      problems.push(...checkExtra(name, child, schema, options, at))
    }
  }
  return problems
}

function checkExtra(
  name: string,
  child: unknown,
  schema: Schema,
  options: CheckOptions,
  at: string
): string[] {
  const extra = schema.additionalProperties
  if (extra === false) return [`${at}: unexpected property ${name}`]
  if (typeof extra === 'object' && extra !== null) {
    return checkSchema(child, extra as Schema, options, `${at}.${name}`)
  }
  const declaresShape = schema.properties !== undefined
  if (options.rejectUnknownProperties && declaresShape && extra !== true) {
    return [`${at}: unknown property ${name}`]
  }
  return []
}

function checkScalar(value: unknown, schema: Schema, at: string): string[] {
  if (typeof value === 'string') return checkString(value, schema, at)
  if (typeof value !== 'number') return []
  if (typeof schema.minimum === 'number' && value < schema.minimum) {
    return [`${at}: ${value} is below the minimum ${schema.minimum}`]
  }
  if (typeof schema.maximum === 'number' && value > schema.maximum) {
    return [`${at}: ${value} is above the maximum ${schema.maximum}`]
  }
  return []
}

const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

function checkString(value: string, schema: Schema, at: string): string[] {
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    return [`${at}: longer than ${schema.maxLength} characters`]
  }
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
    return [`${at}: shorter than ${schema.minLength} characters`]
  }
  if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
    return [`${at}: ${JSON.stringify(value)} is not an RFC 3339 date-time`]
  }
  if (schema.format === 'uri' && !URL.canParse(value)) {
    return [`${at}: ${JSON.stringify(value)} is not a URI`]
  }
  return []
}
