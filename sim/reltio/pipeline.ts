/**
 * The path of every request: read and record it, admit it past the rate
 * limits and backpressure, add latency and faults, check the bearer token,
 * run the route, and write the (possibly broken) reply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  FaultPlan,
  overloadReply,
  scriptedReply,
  type RouteFamily
} from './faults.ts'
import {
  authError,
  FULL_AUTHENTICATION,
  oauthError,
  parseBody,
  readBody,
  type Reply
} from './http.ts'
import { Outgoing } from './outgoing.ts'
import type { RouteContext } from './route-context.ts'
import { matchRoute, type MatchedRoute } from './router.ts'
import { Sleeper } from './sleeper.ts'
import { resolveCaller, type SimState } from './state.ts'
import { TokenBucket } from './switches.ts'
import type { RecordedRequest, ScriptedFault } from './types.ts'

/** Everything a request passes through, shared by all requests. */
export class Pipeline {
  readonly state: SimState
  readonly faults: FaultPlan
  readonly sleeper = new Sleeper()
  inFlight = 0
  private readonly apiBucket = new TokenBucket()
  private readonly tokenBucket = new TokenBucket()

  constructor(state: SimState, faultSeed: number) {
    this.state = state
    this.faults = new FaultPlan(faultSeed)
  }

  /** Serves one request from start to end. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const bytes = await readBody(req)
    const text = bytes?.toString('utf8') ?? ''
    const body = parseBody(text, req.headers['content-type'])
    const record = recordRequest(req.method ?? 'GET', url, body.value)
    this.state.requests.push(record)
    const out = new Outgoing(req, res, record, this.state.switches)
    if (bytes === null) {
      return out.send(authError(413, 'Request body too large'))
    }

    const route = matchRoute(record.method, record.path, this.state.tenantId)
    if (!('handler' in route)) return out.send(route)
    const ctx: RouteContext = {
      state: this.state,
      method: record.method,
      path: record.path,
      params: route.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      caller: null,
      sleep: (ms) => this.sleeper.sleep(ms)
    }
    await this.admitted(route.family, out, () => this.serve(route, ctx, out))
  }

  private async admitted(
    family: RouteFamily,
    out: Outgoing,
    serve: () => Promise<void>
  ): Promise<void> {
    const rejection = this.admit(family)
    if (!rejection) this.inFlight++
    try {
      await this.sleeper.sleep(this.state.switches.latencyMs)
      await (rejection ? out.send(rejection) : serve())
    } finally {
      if (!rejection) this.inFlight--
    }
  }

  // The token endpoint has its own limit and no backpressure: Reltio
  // documents only a per-IP rate limit there.
  private admit(family: RouteFamily): Reply | null {
    const switches = this.state.switches
    const now = Date.now()
    if (family === 'token') {
      const ok = this.tokenBucket.take(switches.tokenRateLimitPerSecond, now)
      return ok ? null : overloadReply('token', 429)
    }
    if (
      switches.maxInFlight !== null &&
      this.inFlight >= switches.maxInFlight
    ) {
      return overloadReply(family, 503)
    }
    const ok = this.apiBucket.take(switches.rateLimitPerSecond, now)
    return ok ? null : overloadReply(family, 429)
  }

  private async serve(route: MatchedRoute, ctx: RouteContext, out: Outgoing) {
    const scripted = this.faults.takeScripted(ctx.method, ctx.path)
    if (scripted) return this.serveScripted(scripted, route, ctx, out)
    const switches = this.state.switches
    // Random faults spare the token endpoint; script one to hit it.
    const kind =
      route.family === 'token' ? null : this.faults.roll(switches.faults)
    if (kind === 'status429') return out.send(overloadReply(route.family, 429))
    if (kind === 'status503') return out.send(overloadReply(route.family, 503))
    if (kind === 'reset') return out.reset()
    if (kind === 'slow') await this.sleeper.sleep(switches.slowMs)
    const mangle = kind === 'malformed' || kind === 'truncated' ? kind : null
    out.send(await this.run(route, ctx, out), mangle)
  }

  private async serveScripted(
    fault: ScriptedFault,
    route: MatchedRoute,
    ctx: RouteContext,
    out: Outgoing
  ) {
    await this.sleeper.sleep(fault.delayMs ?? 0)
    const reply = fault.afterHandler ? await this.run(route, ctx, out) : null
    if (fault.reset) return out.reset()
    if (fault.status !== undefined || fault.body !== undefined) {
      return out.send(
        scriptedReply(route.family, fault.status ?? 200, fault.body)
      )
    }
    out.send(reply ?? (await this.run(route, ctx, out)))
  }

  private async run(
    route: MatchedRoute,
    ctx: RouteContext,
    out: Outgoing
  ): Promise<Reply> {
    if (route.family !== 'token') {
      const denied = this.authenticate(ctx, out.record)
      if (denied) return denied
    }
    try {
      return await route.handler(ctx)
    } catch (error) {
      return authError(500, `Simulator error: ${String(error)}`)
    }
  }

  private authenticate(
    ctx: RouteContext,
    record: RecordedRequest
  ): Reply | null {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.headers.authorization ?? '')
    if (!match?.[1]) return oauthError(401, 'unauthorized', FULL_AUTHENTICATION)
    const subject = this.state.tokens.check(match[1], Date.now())
    // Reltio echoes the token in this message (UnauthorizedErrorModel).
    if (!subject)
      return oauthError(401, 'invalid_token', `Token is invalid: ${match[1]}`)
    ctx.caller = resolveCaller(this.state, subject)
    record.identity = ctx.caller.name
    return null
  }
}

function recordRequest(method: string, url: URL, body: unknown) {
  const record: RecordedRequest = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: 0,
    body,
    at: Date.now(),
    identity: null
  }
  return record
}
