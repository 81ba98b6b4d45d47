/**
 * The request core every Reltio call goes through: one undici dispatcher,
 * a bound on requests in flight, a timeout per attempt, retries with
 * backoff, and one debug line per HTTP exchange.
 */
import { performance } from 'node:perf_hooks'
import { request, type Dispatcher } from 'undici'
import { ReltioError, getErrorMessage } from '../errors.js'
import type { Limiter } from './limiter.js'
import type { Pacer } from './pacer.js'
import {
  classifyNetworkError,
  isThrottleStatus,
  parseRetryAfter,
  type NetworkFailure,
  type RetryPolicy
} from './retry.js'

/** The action input a URL came from, named when its host is unreachable. */
export interface RequestTarget {
  input: 'auth-url' | 'tenant-url'
  url: string
}

/** One logical call; the core may send it several times. */
export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST'
  url: URL
  target: RequestTarget
  headers: Record<string, string>
  body?: string
  retry: RetryPolicy
  /**
   * Whether the request waits for the pacer and teaches it (default yes).
   * The token endpoint has a limit of its own and stays out of it.
   */
  paced?: boolean
}

/** Reltio's final answer to a call, body read in full. */
export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  /** Method and path, never the query string: safe for messages and logs. */
  endpoint: string
}

/** What the core needs from its surroundings; all injectable for tests. */
export interface HttpCoreOptions {
  dispatcher: Dispatcher
  limiter: Limiter
  /** Spaces requests once Reltio's 429s have shown its rate. */
  pacer: Pacer
  timeoutMs: number
  maxRetries: number
  retryDelayMs: (attempt: number) => number
  sleep: (ms: number) => Promise<void>
  now: () => number
  debug: (message: string) => void
}

/** Counters for the run's statistics. */
export interface HttpCounters {
  requests: number
  retries: number
  throttled: number
}

type AttemptOutcome =
  | {
      kind: 'response'
      response: HttpResponse
      /** A 429 that the pacer answers: the retry waits for a slot only. */
      paced?: boolean
    }
  | { kind: 'failure'; failure: NetworkFailure }

/**
 * Retries of one call after a 429 that go straight back to the pacer;
 * later ones back off as well, in case Reltio wants a real pause.
 */
const PACED_RETRIES = 3

const TIMEOUT: NetworkFailure = {
  code: 'TIMEOUT',
  unreachable: false,
  retryable: true
}

/** Sends requests with the retry policy each one names. */
export class HttpCore {
  readonly counters: HttpCounters = { requests: 0, retries: 0, throttled: 0 }
  readonly #options: HttpCoreOptions

  constructor(options: HttpCoreOptions) {
    this.#options = options
  }

  /**
   * Sends the request until it succeeds, fails for good, or runs out of
   * retries; a retried status comes back as the last response.
   * @throws ReltioError when the network failed on the final attempt
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const { limiter, maxRetries } = this.#options
    const endpoint = `${req.method} ${req.url.pathname}`

    for (let retry = 1; ; retry++) {
      // Each attempt takes its own slot, so a request waiting out a
      // backoff does not hold one.
      const outcome = await limiter.run(() => this.#pacedAttempt(req, endpoint))
      const delayMs =
        retry > maxRetries ? null : this.#retryDelay(req, outcome, retry)
      if (delayMs === null) {
        return this.#finish(req, endpoint, outcome, retry)
      }

      this.counters.retries++
      this.#options.debug(
        `${endpoint}: retry ${retry} of ${maxRetries} in ${delayMs} ms after ${describe(outcome)}`
      )
      await this.#options.sleep(delayMs)
    }
  }

  /** Milliseconds to wait before the next attempt, or null for no retry. */
  #retryDelay(
    req: HttpRequest,
    outcome: AttemptOutcome,
    retry: number
  ): number | null {
    if (outcome.kind === 'failure') {
      const { retryable } = outcome.failure
      if (!retryable || !req.retry.networkErrors) return null
      return this.#options.retryDelayMs(retry)
    }

    const { status, headers } = outcome.response
    if (!req.retry.statuses.has(status)) return null
    const asked = parseRetryAfter(headers['retry-after'], this.#options.now())
    if (asked !== null) return asked
    if (outcome.paced && retry <= PACED_RETRIES) return 0
    return this.#options.retryDelayMs(retry)
  }

  /** One attempt in its paced slot; its answer teaches the pacer. */
  async #pacedAttempt(
    req: HttpRequest,
    endpoint: string
  ): Promise<AttemptOutcome> {
    if (req.paced === false) return this.#attempt(req, endpoint)
    const { pacer } = this.#options
    const sentAt = await pacer.take()
    const outcome = await this.#attempt(req, endpoint)
    if (outcome.kind === 'failure') return outcome
    const { status } = outcome.response
    if (status === 429) {
      const before = pacer.rate
      const paced = pacer.throttled(sentAt) === 'paced'
      if (pacer.rate !== before && pacer.rate !== null) {
        this.#options.debug(
          `${endpoint}: 429, pacing requests at ${pacer.rate.toFixed(1)} per second`
        )
      }
      return { ...outcome, paced }
    }
    if (!isThrottleStatus(status)) pacer.admitted(sentAt)
    return outcome
  }

  #finish(
    req: HttpRequest,
    endpoint: string,
    outcome: AttemptOutcome,
    attempts: number
  ): HttpResponse {
    if (outcome.kind === 'response') return outcome.response
    throw networkError(req, endpoint, outcome.failure, {
      attempts,
      timeoutMs: this.#options.timeoutMs
    })
  }

  async #attempt(req: HttpRequest, endpoint: string): Promise<AttemptOutcome> {
    const { dispatcher, timeoutMs, debug } = this.#options
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    const started = performance.now()
    const elapsed = (): number => Math.round(performance.now() - started)
    this.counters.requests++

    try {
      const res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher,
        signal: controller.signal
      })
      const text = await res.body.text()
      debug(`${endpoint} ${res.statusCode} ${elapsed()} ms`)
      if (isThrottleStatus(res.statusCode)) this.counters.throttled++
      const response = { status: res.statusCode, headers: res.headers, text }
      return { kind: 'response', response: { ...response, endpoint } }
    } catch (error) {
      const failure = controller.signal.aborted
        ? TIMEOUT
        : classifyNetworkError(error)
      if (failure === null) {
        throw new ReltioError(
          `Reltio request ${endpoint} failed: ${getErrorMessage(error)}`,
          { endpoint }
        )
      }
      debug(`${endpoint} failed with ${failure.code} after ${elapsed()} ms`)
      return { kind: 'failure', failure }
    } finally {
      clearTimeout(timer)
    }
  }
}

function describe(outcome: AttemptOutcome): string {
  return outcome.kind === 'response'
    ? `status ${outcome.response.status}`
    : outcome.failure.code
}

/** The error for a call whose last attempt never got an answer. */
function networkError(
  req: HttpRequest,
  endpoint: string,
  failure: NetworkFailure,
  context: { attempts: number; timeoutMs: number }
): ReltioError {
  const { input, url } = req.target
  const tries = context.attempts === 1 ? '' : ` (${context.attempts} attempts)`
  const details = { endpoint, retryable: true }

  if (failure.unreachable) {
    return new ReltioError(
      `Cannot reach ${input} ${url}: ${failure.code}. Check the ${input} input and the network.`,
      details
    )
  }
  if (failure === TIMEOUT) {
    return new ReltioError(
      `Reltio did not answer ${endpoint} within ${context.timeoutMs} ms${tries}. Try again later or check the network.`,
      details
    )
  }
  return new ReltioError(
    `The connection to Reltio broke at ${endpoint}: ${failure.code}${tries}. Try again later or lower the concurrency input.`,
    details
  )
}
