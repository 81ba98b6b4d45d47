/**
 * The writing end of a request: sends a reply, possibly broken on purpose,
 * or resets the connection, and notes the status in the request record.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { malformedBody, truncatedBody } from './faults.ts'
import { encodeReply, writeBytes, type Reply } from './http.ts'
import type { RecordedRequest, SimulatorSwitches } from './types.ts'

/** How a reply's body is broken: not JSON at all, or cut in half. */
export type Mangle = 'malformed' | 'truncated' | null

/** Writes one reply (or a reset) and notes its status in the record. */
export class Outgoing {
  private readonly req: IncomingMessage
  private readonly res: ServerResponse
  readonly record: RecordedRequest
  private readonly switches: SimulatorSwitches

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    switches: SimulatorSwitches
  ) {
    this.req = req
    this.res = res
    this.record = record
    this.switches = switches
  }

  send(reply: Reply, mangle: Mangle = null): void {
    this.record.status = reply.status
    if (this.res.destroyed) return
    const encoded = encodeReply(reply)
    if (mangle === 'malformed') encoded.bytes = Buffer.from(malformedBody())
    if (mangle === 'truncated') encoded.bytes = truncatedBody(encoded.bytes)
    const headers: Record<string, string> = { ...reply.headers }
    const retryAfter = this.switches.retryAfterSeconds
    if (reply.status === 429 && retryAfter !== null) {
      headers['Retry-After'] = String(retryAfter)
    }
    writeBytes(this.res, reply.status, encoded, headers)
  }

  reset(): void {
    this.record.status = 0
    this.req.socket.destroy()
  }
}
