/**
 * Request parsing and the reply shapes of Reltio's two API families: the
 * auth server (`errorCode`/`errorMessage`, OAuth `error`) and the tenant
 * API (`severity`/`errorMessage`/`errorCode`/`errorDetailMessage`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The 401 description when a request carries no usable credentials. */
export const FULL_AUTHENTICATION =
  'Full authentication is required to access this resource'

/** Reltio answers 413 above 50 MB (documented for POST bodies). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024

/** A response a route produced, before faults and latency. */
export interface Reply {
  status: number
  /** A JSON value, or a string/Buffer sent as is. */
  body: unknown
  contentType?: string
  headers?: Record<string, string>
}

/** A request body as read: parsed when JSON or form, else the raw text. */
export interface ParsedBody {
  value: unknown
  raw: string
  /** The body claimed to be JSON but did not parse. */
  invalidJson: boolean
}

/** Reads the whole body; null when it is larger than Reltio accepts. */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Parses JSON and form bodies by their Content-Type. */
export function parseBody(raw: string, contentType = ''): ParsedBody {
  if (raw === '') return { value: undefined, raw, invalidJson: false }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const value = Object.fromEntries(new URLSearchParams(raw))
    return { value, raw, invalidJson: false }
  }
  if (contentType.includes('json')) {
    try {
      return { value: JSON.parse(raw), raw, invalidJson: false }
    } catch {
      return { value: raw, raw, invalidJson: true }
    }
  }
  return { value: raw, raw, invalidJson: false }
}

/** A JSON reply. */
export function json(status: number, body: unknown): Reply {
  return { status, body }
}

/** The auth server's error body: `{ errorCode, errorMessage }`. */
export function authError(status: number, errorMessage: string): Reply {
  return json(status, { errorCode: status, errorMessage })
}

/** The token endpoint's OAuth error body. */
export function oauthError(
  status: number,
  error: string,
  description: string
): Reply {
  return json(status, { error, error_description: description })
}

/** The tenant API's error body (`APIErrorRepresentation`). */
export function tenantError(
  status: number,
  errorCode: number,
  errorMessage: string,
  errorDetailMessage: string
): Reply {
  const body = {
    severity: 'Error',
    errorMessage,
    errorCode,
    errorDetailMessage
  }
  return json(status, body)
}

/** The bytes and content type a reply puts on the wire. */
export function encodeReply(reply: Reply): { bytes: Buffer; type: string } {
  const { body } = reply
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    const type = reply.contentType ?? 'application/json;charset=UTF-8'
    return { bytes: Buffer.isBuffer(body) ? body : Buffer.from(body), type }
  }
  const bytes = Buffer.from(JSON.stringify(body))
  return { bytes, type: reply.contentType ?? 'application/json;charset=UTF-8' }
}

/** Writes a reply whose bytes are already prepared. */
export function writeBytes(
  res: ServerResponse,
  status: number,
  encoded: { bytes: Buffer; type: string },
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, {
    'Content-Type': encoded.type,
    'Content-Length': String(encoded.bytes.length),
    ...headers
  })
  res.end(encoded.bytes)
}
