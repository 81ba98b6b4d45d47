/**
 * Reads Reltio's answers at the boundary: JSON parsing, zod validation and
 * the errors that name the endpoint and the field at fault.
 */
import type { z } from 'zod'
import { ReltioError } from '../errors.js'
import type { HttpResponse } from './http.js'

/** Removes secrets (tokens, client secret, password) from text. */
export type Redact = (text: string) => string

/** How `readBody` reads a body. */
export interface ReadOptions {
  /** Return the parsed JSON itself rather than zod's copy. */
  keepOriginal?: boolean
  redact?: Redact
  /**
   * A cheap check that accepts exactly what the schema accepts; when it
   * passes, zod is skipped. The schema still runs on a refused body, so
   * the error names the same field either way.
   */
  accepts?: (json: unknown) => boolean
}

/**
 * The body as JSON, checked against `schema`. With `keepOriginal` the
 * parsed object itself comes back rather than zod's copy, so fields the
 * schema does not know survive a read-modify-write.
 * @throws ReltioError naming the endpoint and what is wrong with the body
 */
export function readBody<S extends z.ZodType>(
  response: HttpResponse,
  schema: S,
  options: ReadOptions = {}
): z.output<S> {
  const json = parseJson(response, options.redact ?? keep)
  // The fast check answers for the schema only when the original is wanted:
  // zod's output may differ from its input, the original never does.
  if (options.keepOriginal && options.accepts?.(json)) {
    return json as z.output<S>
  }
  const result = schema.safeParse(json)
  if (!result.success) {
    throw new ReltioError(
      `Reltio answered ${response.endpoint} with an unexpected body: ${describeIssue(result.error)}`,
      { status: response.status, endpoint: response.endpoint }
    )
  }
  return options.keepOriginal ? (json as z.output<S>) : result.data
}

/** The body parsed as JSON, or a ReltioError saying why it is not JSON. */
export function parseJson(response: HttpResponse, redact: Redact): unknown {
  try {
    return JSON.parse(response.text)
  } catch (error) {
    const reason = redact(withoutBodyExcerpt(error))
    throw new ReltioError(
      `Reltio answered ${response.endpoint} with malformed JSON (${reason})`,
      { status: response.status, endpoint: response.endpoint, retryable: true }
    )
  }
}

/**
 * V8 quotes part of the text in some JSON errors ("Unexpected token 'x',
 * ..."xyz"... is not valid JSON"); that text may hold user data or a
 * token, so only the part before the quote is kept.
 */
function withoutBodyExcerpt(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/, \.*".*is not valid JSON$/s, '')
}

/** "[3].username: expected string, received undefined" for the first issue. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'it does not match the expected shape'
  const where =
    issue.path.length === 0 ? 'the top level' : formatPath(issue.path)
  return `field ${where}: ${issue.message}`
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`
      const name = String(key)
      return index === 0 ? name : `.${name}`
    })
    .join('')
}

/**
 * Reltio's own words for a failure, if the body carries them: the auth
 * server's `errorMessage` or `error_description`, the token endpoint's
 * `error`, the tenant API's `errorDetailMessage`, cut to one short line.
 */
export function errorDetail(response: HttpResponse, redact: Redact): string {
  const fields = parseErrorBody(response)
  const said = [
    fields.errorMessage,
    fields.error_description,
    fields.error
  ].find((value) => typeof value === 'string' && value.trim() !== '')
  if (typeof said !== 'string') return ''
  const more = fields.errorDetailMessage
  const text =
    typeof more === 'string' && more !== '' ? `${said} (${more})` : said
  const line = redact(text.replace(/\s+/g, ' ').trim())
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

/** The `error` code of an OAuth error body ("invalid_grant"), if any. */
export function oauthErrorCode(response: HttpResponse): string | null {
  const { error } = parseErrorBody(response)
  return typeof error === 'string' ? error : null
}

/** An error body's fields; empty when the body is not a JSON object. */
function parseErrorBody(response: HttpResponse): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(response.text)
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      return body as Record<string, unknown>
    }
  } catch {
    // Proxies and gateways answer errors in HTML; there is no detail then.
  }
  return {}
}

function keep(text: string): string {
  return text
}

/** What a status error message needs to know about the call. */
export interface StatusErrorContext {
  identity: string
  /** The call changes Reltio, so a 403 means a missing admin role. */
  write: boolean
  redact: Redact
}

/** Statuses of an overloaded or rate-limiting Reltio. */
const BUSY_STATUSES = new Set([429, 502, 503, 504])

/** The error for an answer the caller cannot use, saying what to fix. */
export function statusError(
  response: HttpResponse,
  context: StatusErrorContext
): ReltioError {
  const { status, endpoint } = response
  const detail = status === 401 ? '' : errorDetail(response, context.redact)
  const said = detail ? `: ${detail}` : ''
  const details = { status, endpoint }

  if (status === 401) {
    return new ReltioError(
      `Reltio rejected the access token at ${endpoint} (401 ${oauthErrorCode(response) ?? 'unauthorized'}) even after a fresh one. Check that the client-id may use this API.`,
      details
    )
  }
  if (status === 403) {
    const need = context.write
      ? `lacks ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER, which this change needs. Grant one of them to ${context.identity} or use another client-id.`
      : "may not read this. Check its roles (ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER) and Reltio's IP allow-list."
    return new ReltioError(
      `Reltio refused ${endpoint} (403${said}): the identity ${context.identity} ${need}`,
      details
    )
  }
  if (BUSY_STATUSES.has(status)) {
    return new ReltioError(
      `Reltio answered ${endpoint} with ${status}${said}: it is overloaded or rate-limiting. Lower the concurrency input or try again later.`,
      { ...details, retryable: true }
    )
  }
  return new ReltioError(
    `Reltio answered ${endpoint} with ${status}${said}.`,
    details
  )
}
