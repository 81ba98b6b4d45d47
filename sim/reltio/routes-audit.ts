/**
 * `POST /audit/export`: the security audit log, exported synchronously as
 * JSON or CSV. Reltio does not publish the report's columns; the event
 * shape is inferred (see AuditEvent). Too many exports at once answer 429.
 */
import { authError, json, type Reply } from './http.ts'
import { callerOf, type RouteContext } from './route-context.ts'
import type { SimState } from './state.ts'
import type { AuditEvent } from './types.ts'

const BUSY = 'user has exceeded the number of allowable synchronous requests'
const CSV_COLUMNS = [
  'timestamp',
  'username',
  'customerId',
  'eventType',
  'ip',
  'userAgent'
] as const

interface AuditQuery {
  customerId: string
  usernames: string[] | null
  events: string[] | null
  startMs: number
  endMs: number
  format: 'json' | 'csv'
}

/** Produces the report, holding one of the synchronous export slots. */
export async function exportAudit(ctx: RouteContext): Promise<Reply> {
  const caller = callerOf(ctx)
  if (!caller.roles.includes('ROLE_ADMIN_CUSTOMER')) {
    return authError(
      403,
      `User ${caller.name} does not have enough access privileges to export the audit log`
    )
  }
  const query = readQuery(ctx.body.value, caller.customer)
  if (typeof query === 'string') return authError(400, query)
  if (query.customerId !== caller.customer) {
    return authError(
      403,
      `User ${caller.name} does not have enough access privileges to customer ${query.customerId}`
    )
  }
  const { state } = ctx
  if (state.exportsRunning >= state.switches.auditExportMaxConcurrent) {
    return authError(429, BUSY)
  }
  state.exportsRunning++
  try {
    await ctx.sleep(state.switches.auditExportDelayMs)
    const events = selectEvents(state, query)
    if (query.format === 'json') return json(200, events)
    return {
      status: 200,
      body: toCsv(events),
      contentType: 'text/csv;charset=UTF-8'
    }
  } finally {
    state.exportsRunning--
  }
}

function readQuery(
  body: unknown,
  defaultCustomer: string
): AuditQuery | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'Request body must be an AuditLogRequest object'
  }
  const request = body as Record<string, unknown>
  const range = readRange(request)
  if (typeof range === 'string') return range
  const usernames = readStrings(request.usernames)
  const events = readStrings(request.events)
  if (usernames === undefined || events === undefined) {
    return 'usernames and events must be arrays of strings'
  }
  const format = request.format ?? 'csv'
  if (format !== 'json' && format !== 'csv') return 'format must be json or csv'
  const customerId = request.customerId ?? defaultCustomer
  return { customerId: String(customerId), usernames, events, ...range, format }
}

function readRange(request: Record<string, unknown>) {
  const seconds = (value: unknown) =>
    value === undefined ? NaN : Number(value) * 1000
  let startMs = seconds(request.startTimestamp)
  let endMs = seconds(request.endTimestamp) + 999
  if (Number.isNaN(startMs)) startMs = Date.parse(String(request.start))
  if (Number.isNaN(endMs)) endMs = Date.parse(String(request.end))
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    return 'Give start and end (ISO) or startTimestamp and endTimestamp (seconds)'
  }
  if (endMs < startMs) return 'end must not be before start'
  return { startMs, endMs }
}

// undefined means invalid; null means no filter: the field is absent or,
// as an inference, an empty list.
function readStrings(value: unknown): string[] | null | undefined {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value)) return undefined
  if (value.length === 0) return null
  return value.every((v) => typeof v === 'string') ? value : undefined
}

function selectEvents(state: SimState, query: AuditQuery): AuditEvent[] {
  const names = query.usernames && [
    ...new Set(query.usernames.map((name) => name.toLowerCase()))
  ]
  const pool = names
    ? names.flatMap((name) => state.auditIndex.of(name))
    : state.auditEvents
  return pool
    .filter(
      (event) =>
        event.customerId === query.customerId &&
        event.timestamp >= query.startMs &&
        event.timestamp <= query.endMs &&
        (!query.events || query.events.includes(event.eventType))
    )
    .sort((a, b) => a.timestamp - b.timestamp)
}

function toCsv(events: AuditEvent[]): string {
  const cell = (value: unknown) => {
    const text = String(value)
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const rows = events.map((event) =>
    CSV_COLUMNS.map((c) => cell(event[c])).join(',')
  )
  return [CSV_COLUMNS.join(','), ...rows].join('\n') + '\n'
}
