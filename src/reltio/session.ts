/**
 * Authorized calls to Reltio: base URL per input, bearer token, one retry
 * with a fresh token after a rejected one, and the checks on the answer.
 */
import type { z } from 'zod'
import { ConfigError } from '../errors.js'
import type { TokenSource } from './auth.js'
import type { HttpCore, HttpResponse, RequestTarget } from './http.js'
import { readBody, statusError } from './responses.js'
import { IDEMPOTENT_RETRY, THROTTLE_ONLY_RETRY } from './retry.js'

/** One call as the client methods describe it. */
export interface CallSpec {
  method: 'GET' | 'PUT' | 'POST'
  input: RequestTarget['input']
  /** Below the input's base URL, already encoded. */
  path: string
  query?: Record<string, string>
  json?: unknown
}

/** What a session is made of. */
export interface SessionParts {
  http: HttpCore
  auth: TokenSource
  /** Base URL per input, without trailing slash; null when not set. */
  targets: Record<RequestTarget['input'], string | null>
  identity: string
}

/** Sends authorized calls and turns unusable answers into ReltioErrors. */
export class ReltioSession {
  readonly #parts: SessionParts

  constructor(parts: SessionParts) {
    this.#parts = parts
  }

  /**
   * The answer to the call, whatever its status. A 401 invalid_token gets
   * one fresh token and one more try, as Reltio's own client does.
   */
  async call(spec: CallSpec): Promise<HttpResponse> {
    const { auth } = this.#parts
    const base = this.#base(spec)
    const token = await auth.getToken()
    const response = await this.#send(spec, base, token)
    if (!isRejectedToken(response)) return response

    auth.invalidate(token)
    return this.#send(spec, base, await auth.getToken())
  }

  /** The answer to the call; throws unless its status is 2xx. */
  async callOk(spec: CallSpec): Promise<HttpResponse> {
    const response = await this.call(spec)
    this.check(response, spec)
    return response
  }

  /** Throws the ReltioError that fits a non-2xx answer to `spec`. */
  check(response: HttpResponse, spec: CallSpec): void {
    if (response.status >= 200 && response.status < 300) return
    throw statusError(response, {
      identity: this.#parts.identity,
      write: spec.method === 'PUT',
      redact: this.#parts.auth.redact
    })
  }

  /**
   * The body checked by `schema`, as parsed (unknown fields kept);
   * `accepts`, when given, stands in for the schema on bodies it accepts.
   */
  readOriginal<S extends z.ZodType>(
    response: HttpResponse,
    schema: S,
    accepts?: (json: unknown) => boolean
  ): z.output<S> {
    const redact = this.#parts.auth.redact
    return readBody(response, schema, { keepOriginal: true, redact, accepts })
  }

  /** The body as `schema` outputs it (normalized). */
  read<S extends z.ZodType>(response: HttpResponse, schema: S): z.output<S> {
    return readBody(response, schema, { redact: this.#parts.auth.redact })
  }

  #send(spec: CallSpec, base: string, token: string): Promise<HttpResponse> {
    const url = new URL(`${base}${spec.path}`)
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      url.searchParams.set(key, value)
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json'
    }
    if (spec.json !== undefined) headers['content-type'] = 'application/json'

    return this.#parts.http.send({
      method: spec.method,
      url,
      target: { input: spec.input, url: base },
      headers,
      body: spec.json === undefined ? undefined : JSON.stringify(spec.json),
      // POSTs here (the audit export) are safe to repeat only after a 429.
      retry: spec.method === 'POST' ? THROTTLE_ONLY_RETRY : IDEMPOTENT_RETRY
    })
  }

  #base(spec: CallSpec): string {
    const base = this.#parts.targets[spec.input]
    if (base !== null) return base
    throw new ConfigError(
      `The ${spec.input} input is empty, but ${spec.method} ${spec.path} needs it. Set ${spec.input} to https://<environment>.reltio.com/reltio/api/<tenant>.`
    )
  }
}

function isRejectedToken(response: HttpResponse): boolean {
  return response.status === 401 && response.text.includes('invalid_token')
}
