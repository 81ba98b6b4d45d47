/**
 * What a route handler receives, and its signature.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { ParsedBody, Reply } from './http.ts'
import type { Caller, SimState } from './state.ts'

/** One request, parsed, with the caller once the bearer token checked out. */
export interface RouteContext {
  state: SimState
  method: string
  path: string
  /** Path parameters, decoded. */
  params: string[]
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: ParsedBody
  caller: Caller | null
  /** Waits without holding the server; cancelled when it closes. */
  sleep(ms: number): Promise<void>
}

/** A route: takes the request, returns the reply. */
export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>

/** The caller of a bearer route; the pipeline has checked it is there. */
export function callerOf(ctx: RouteContext) {
  if (!ctx.caller) throw new Error(`${ctx.path} ran without a caller`)
  return ctx.caller
}
