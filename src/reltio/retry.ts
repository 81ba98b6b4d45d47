/**
 * When a Reltio call is worth repeating and how long to wait first.
 * Pure: the clock and the random source come in as parameters.
 */

/** Which failures of one call are retried. */
export interface RetryPolicy {
  statuses: ReadonlySet<number>
  /** Connection refused, reset or timed out: safe only for idempotent calls. */
  networkErrors: boolean
}

/**
 * GET, and PUT of a whole object, give the same result when repeated.
 * Reltio uses 503 for backpressure and 502/504 for gateway trouble
 * (docs "API error codes" recommend backoff for all three).
 */
export const IDEMPOTENT_RETRY: RetryPolicy = {
  statuses: new Set([429, 502, 503, 504]),
  networkErrors: true
}

/**
 * A POST whose repeat is safe only when Reltio said it did nothing: the
 * token endpoint (docs: no retry except 429) and the audit export ("too
 * many synchronous requests").
 */
export const THROTTLE_ONLY_RETRY: RetryPolicy = {
  statuses: new Set([429]),
  networkErrors: false
}

/** Statuses that mean Reltio is shedding load. */
export function isThrottleStatus(status: number): boolean {
  return status === 429 || status === 503
}

/** A long Retry-After would stall the run; past this we retry anyway. */
export const MAX_RETRY_AFTER_MS = 120_000

/**
 * Milliseconds a Retry-After header asks for (delta seconds or an HTTP
 * date), capped at MAX_RETRY_AFTER_MS; null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number
): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return null

  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS)
  }
  // An HTTP date always names a day or month; V8 would read "-3" as a year.
  const dateMs = /[a-z]/i.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(dateMs)) return null
  return Math.min(Math.max(0, dateMs - nowMs), MAX_RETRY_AFTER_MS)
}

/**
 * Backoff before retry `attempt` (1-based): 1, 3, 7, 15, 31 s as Reltio's
 * error-code page suggests, capped at 60 s, each scaled by a random factor
 * in [0.5, 1) so parallel callers do not retry in step.
 */
export function defaultRetryDelayMs(
  attempt: number,
  random: () => number = Math.random
): number {
  const base = Math.min(1000 * (2 ** attempt - 1), 60_000)
  return Math.round(base * (0.5 + random() / 2))
}

/** Error codes that mean the host could not be reached at all. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT'
])

/** Error codes of a connection that broke or stalled; worth another try. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])

/** How a thrown network error reads to the retry loop and the user. */
export interface NetworkFailure {
  code: string
  unreachable: boolean
  retryable: boolean
}

/** Classifies an error thrown by undici or node:net, or null if not one. */
export function classifyNetworkError(error: unknown): NetworkFailure | null {
  const code = findErrorCode(error)
  if (code === null) return null
  // A name that does not resolve will not resolve a second later.
  return {
    code,
    unreachable: UNREACHABLE_CODES.has(code),
    retryable: code !== 'ENOTFOUND'
  }
}

/**
 * The first known error code on the error, its cause, or (for Node's
 * happy-eyeballs AggregateError) on any of its inner errors.
 */
function findErrorCode(error: unknown, depth = 0): string | null {
  if (depth > 4 || typeof error !== 'object' || error === null) return null
  const { code, cause, errors } = error as {
    code?: unknown
    cause?: unknown
    errors?: unknown
  }
  if (typeof code === 'string' && isKnownCode(code)) return code
  const inner: unknown[] = Array.isArray(errors) ? errors : []
  const nested = [cause, ...inner]
  for (const inner of nested) {
    const found = findErrorCode(inner, depth + 1)
    if (found) return found
  }
  return null
}

function isKnownCode(code: string): boolean {
  return UNREACHABLE_CODES.has(code) || TRANSIENT_CODES.has(code)
}
