/**
 * The tenant API's activity-log search:
 * `GET /reltio/api/{tenantId}/activities?filter=...&max=N&offset=M`.
 */
import {
  FilterSyntaxError,
  parseFilter,
  type Filter
} from './activity-filter.ts'
import { actorsOf, boundsTimestamp, matchesFilter } from './activity-match.ts'
import { json, tenantError, type Reply } from './http.ts'
import type { RouteContext } from './route-context.ts'
import type { SimState } from './state.ts'
import type { ActivityRecord } from './types.ts'

/** Search reaches at most this many records (documented). */
export const MAX_SEARCH_RESULTS = 10_000
// The default page size depends on tenant configuration; this is a guess.
const DEFAULT_MAX = 100
// Error codes of the tenant API are not published; these are inferred.
const INVALID_PARAMETER = 1001

/** Searches the activity log, newest first. */
export function searchActivities(ctx: RouteContext): Reply {
  const max = readCount(ctx.query.get('max'), DEFAULT_MAX)
  const offset = readCount(ctx.query.get('offset'), 0)
  if (max === null || max < 1 || offset === null) {
    return badParameter('max and offset must be whole numbers, max at least 1')
  }
  if (max > MAX_SEARCH_RESULTS || offset + max > MAX_SEARCH_RESULTS) {
    return badParameter(
      `offset + max must not exceed ${MAX_SEARCH_RESULTS}; use _scan or an export for more`
    )
  }
  const filter = readFilter(ctx.query.get('filter'))
  if (filter instanceof FilterSyntaxError) return badParameter(filter.message)
  const found = findActivities(ctx.state, filter)
  return json(200, found.slice(offset, offset + max))
}

function readFilter(text: string | null): Filter | null | FilterSyntaxError {
  try {
    return text ? parseFilter(text) : null
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error
    throw error
  }
}

function findActivities(state: SimState, filter: Filter | null) {
  const actors = filter ? actorsOf(filter) : null
  const pool = actors
    ? [...new Set(actors.map((a) => a.toLowerCase()))].flatMap((actor) =>
        state.activityIndex.of(actor)
      )
    : state.activities
  // Without a timestamp condition Reltio searches the last four months.
  const windowStart =
    filter && boundsTimestamp(filter)
      ? -Infinity
      : fourMonthsBefore(state.dataNow())
  const key = state.switches.activityActorKey
  return pool
    .filter((record) => record.timestamp >= windowStart)
    .map((record) => served(record, key))
    .filter((record) => !filter || matchesFilter(filter, record))
    .sort((a, b) => Number(b.timestamp) - Number(a.timestamp))
}

function served(record: ActivityRecord, key: 'user' | 'userId') {
  if (key === 'user') return record as unknown as Record<string, unknown>
  const { user, ...rest } = record
  return { ...rest, userId: user }
}

function fourMonthsBefore(now: number): number {
  const date = new Date(now)
  date.setUTCMonth(date.getUTCMonth() - 4)
  return date.getTime()
}

function readCount(text: string | null, fallback: number): number | null {
  if (text === null) return fallback
  const value = Number(text)
  return Number.isInteger(value) && value >= 0 ? value : null
}

function badParameter(detail: string): Reply {
  return tenantError(
    400,
    INVALID_PARAMETER,
    'Invalid request parameter',
    detail
  )
}
