/**
 * Fault injection: one-off scripted faults and random ones rolled from a
 * seeded RNG, plus the error bodies and broken bodies they produce.
 */
import { authError, oauthError, tenantError, type Reply } from './http.ts'
import { createRandom, type Random } from './prng.ts'
import type { FaultRates, ScriptedFault } from './types.ts'

/** Which API family a route belongs to; it decides the error shape. */
export type RouteFamily = 'token' | 'auth' | 'tenant'

/** A random fault kind, as named in the `faults` switch. */
export type FaultKind = keyof FaultRates

const FAULT_ORDER: FaultKind[] = [
  'status429',
  'status503',
  'reset',
  'malformed',
  'truncated',
  'slow'
]

/** Scripted faults waiting for their requests, and the fault RNG. */
export class FaultPlan {
  private readonly random: Random
  private scripted: Array<ScriptedFault & { remaining: number }> = []

  constructor(seed: number) {
    this.random = createRandom(seed)
  }

  /** Queues a scripted fault; the first match wins. */
  add(fault: ScriptedFault): void {
    this.scripted.push({ ...fault, remaining: fault.times ?? 1 })
  }

  /** Takes one use of the first scripted fault matching the request. */
  takeScripted(method: string, path: string): ScriptedFault | null {
    const fault = this.scripted.find((f) => matches(f, method, path))
    if (!fault) return null
    fault.remaining -= 1
    if (fault.remaining <= 0) {
      this.scripted = this.scripted.filter((f) => f !== fault)
    }
    return fault
  }

  /** Rolls once; each kind owns a slice of [0, 1) as wide as its rate. */
  roll(rates: FaultRates): FaultKind | null {
    const total = FAULT_ORDER.reduce((sum, kind) => sum + rates[kind], 0)
    if (total <= 0) return null
    let point = this.random()
    for (const kind of FAULT_ORDER) {
      if (point < rates[kind]) return kind
      point -= rates[kind]
    }
    return null
  }
}

function matches(fault: ScriptedFault, method: string, path: string) {
  if (fault.method && fault.method.toUpperCase() !== method) return false
  if (fault.path === undefined) return true
  return typeof fault.path === 'string'
    ? fault.path === path
    : fault.path.test(path)
}

const TOO_MANY = 'Too many requests, please try later'
const BACKPRESSURE =
  'Service is temporarily unavailable: too many parallel requests (backpressure)'

/** The 429 or 503 body a route family answers with. */
export function overloadReply(family: RouteFamily, status: 429 | 503): Reply {
  const message = status === 429 ? TOO_MANY : BACKPRESSURE
  if (family === 'token') {
    const error =
      status === 429 ? 'too_many_requests' : 'temporarily_unavailable'
    return oauthError(status, error, message)
  }
  if (family === 'tenant') return tenantError(status, status, message, message)
  return authError(status, message)
}

/** Any status a scripted fault asks for, in the family's error shape. */
export function scriptedReply(
  family: RouteFamily,
  status: number,
  body: string | undefined
): Reply {
  if (body !== undefined) return { status, body }
  if (status === 429 || status === 503) return overloadReply(family, status)
  const message = `Scripted fault ${status}`
  if (family === 'tenant') return tenantError(status, status, message, message)
  return family === 'token'
    ? oauthError(status, 'server_error', message)
    : authError(status, message)
}

/** A body that announces JSON but is not JSON. */
export function malformedBody(): string {
  return '{"errorMessage": <html><body>Bad Gateway</body></html>'
}

/** The first half of a body: a complete response whose JSON stops early. */
export function truncatedBody(bytes: Buffer): Buffer {
  return bytes.subarray(0, Math.max(0, Math.floor(bytes.length / 2)))
}
