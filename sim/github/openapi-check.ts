/**
 * Checks the fake's REST traffic against GitHub's published description
 * (the committed subset in openapi-subset.json), both ways: what the client
 * sent and what the fake answered.
 */
import subset from './openapi-subset.json' with { type: 'json' }
import { checkSchema, resolveRef, type Schema } from './schema-check.ts'

const ROOT: unknown = subset
const PATHS = (
  subset as unknown as { paths: Record<string, Record<string, Schema>> }
).paths

/** One operation of the description, with the path parameters it matched. */
export interface MatchedOperation {
  template: string
  method: string
  operationId: string
  params: Record<string, string>
  spec: Schema
}

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: Schema
}

const TEMPLATES = Object.keys(PATHS)
  .map((template) => ({ template, pattern: templatePattern(template) }))
  // More literal segments first, so `/issues/comments/{id}` wins over
  // `/issues/{issue_number}` for the same path.
  .sort((a, b) => literalCount(b.template) - literalCount(a.template))

/** The operation for a method and path, or null when GitHub has none. */
export function findOperation(
  method: string,
  path: string
): MatchedOperation | null {
  for (const { template, pattern } of TEMPLATES) {
    const spec = PATHS[template]?.[method.toLowerCase()]
    const match = spec && pattern.exec(path)
    if (!spec || !match) continue
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([k, v]) => [
        k,
        decodeURIComponent(v)
      ])
    )
    return {
      template,
      method: method.toUpperCase(),
      operationId: String(spec.operationId),
      params,
      spec
    }
  }
  return null
}

/** Mismatches between a request and the operation's parameters and body. */
export function checkRequest(
  operation: MatchedOperation,
  query: URLSearchParams,
  body: unknown
): string[] {
  const parameters = parametersOf(operation.spec)
  const problems = [
    ...checkPathParams(parameters, operation.params),
    ...checkQuery(parameters, query),
    ...checkBody(operation.spec, body)
  ]
  return problems.map((p) => `${label(operation)} request ${p}`)
}

/** Mismatches between the fake's answer and the documented response. */
export function checkResponse(
  operation: MatchedOperation,
  status: number,
  body: unknown
): string[] {
  const responses = (operation.spec.responses ?? {}) as Record<string, Schema>
  const declared = responses[String(status)]
  if (!declared && status < 400) {
    return [`${label(operation)} response status ${status} is not documented`]
  }
  const schema = declared
    ? responseSchema(resolveRef(declared, ROOT))
    : ({ $ref: '#/components/schemas/basic-error' } as Schema)
  if (!schema || body === undefined) return []
  return checkSchema(body, schema, { root: ROOT }).map(
    (p) => `${label(operation)} response ${status} ${p}`
  )
}

function label(operation: MatchedOperation): string {
  return `${operation.method} ${operation.template} (${operation.operationId})`
}

function parametersOf(spec: Schema): Parameter[] {
  const list = (spec.parameters ?? []) as Schema[]
  return list.map((p) => resolveRef(p, ROOT) as unknown as Parameter)
}

function checkPathParams(
  parameters: Parameter[],
  values: Record<string, string>
): string[] {
  return parameters
    .filter((p) => p.in === 'path')
    .flatMap((p) =>
      checkSchema(
        coerce(values[p.name] ?? '', p.schema),
        p.schema,
        { root: ROOT },
        `path parameter ${p.name}`
      )
    )
}

function checkQuery(parameters: Parameter[], query: URLSearchParams): string[] {
  const declared = new Map(
    parameters.filter((p) => p.in === 'query').map((p) => [p.name, p])
  )
  const problems: string[] = []
  for (const [name, value] of query) {
    const parameter = declared.get(name)
    if (!parameter) {
      problems.push(`unknown query parameter ${name}`)
      continue
    }
    problems.push(
      ...checkSchema(
        coerce(value, parameter.schema),
        parameter.schema,
        { root: ROOT },
        `query parameter ${name}`
      )
    )
  }
  return problems
}

function checkBody(spec: Schema, body: unknown): string[] {
  const requestBody = spec.requestBody as Schema | undefined
  const hasBody = body !== undefined && body !== null
  if (!requestBody) return hasBody ? ['has a body but none is documented'] : []
  if (!hasBody) return requestBody.required ? ['body is missing'] : []
  const schema = responseSchema(requestBody)
  if (!schema) return []
  return checkSchema(
    body,
    schema,
    { root: ROOT, rejectUnknownProperties: true },
    'body'
  )
}

function responseSchema(declared: Schema): Schema | null {
  const content = declared.content as
    Record<string, { schema?: Schema }> | undefined
  return content?.['application/json']?.schema ?? null
}

/** Query and path values arrive as text; read them as the schema's type. */
function coerce(value: string, schema: Schema): unknown {
  const type = resolveRef(schema, ROOT).type
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value)
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true'
  }
  return value
}

function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1]
      return name ? `(?<${name}>[^/]+)` : escapeRegExp(segment)
    })
    .join('/')
  return new RegExp(`^${source}$`)
}

function literalCount(template: string): number {
  return template.split('/').filter((s) => s && !s.startsWith('{')).length
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
