/**
 * Reading the dates Reltio puts on a user. `lastLoginDate` is epoch
 * milliseconds in Reltio's schema, but ISO strings and null occur, so every
 * form is read here once and the rest of the code sees a `Date` or a reason.
 */

/** One day as the action counts it: 24 hours, in UTC. */
export const DAY_MS = 86_400_000

/**
 * Dates before this are not taken at face value: Reltio did not exist then,
 * and an epoch value in seconds read as milliseconds lands in 1970. Such a
 * user must read as `unknown`, never as a long-idle candidate.
 */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1)

/** What a Reltio date field says: no date, a date, or a value we cannot trust. */
export type ReltioDate =
  | { kind: 'none' }
  | { kind: 'date'; date: Date }
  | { kind: 'unknown'; why: string }

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * Parses an ISO 8601 date or date-time; a time without a zone is read as
 * UTC. Returns null for anything else, including impossible calendar dates.
 */
export function parseIsoTime(text: string): Date | null {
  const parts = ISO_TIME.exec(text.trim())
  if (!parts) return null
  const fields = parts
    .slice(1, 7)
    .map((part: string | undefined) => Number(part ?? 0))
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] =
    fields
  const millis = Math.floor(Number(parts[7] ?? 0) * 1000)
  const utc = new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, millis)
  )
  const offset = zoneOffsetMs(parts[8])
  if (offset === null || !isRealCalendarTime(utc, fields)) return null
  return new Date(utc.getTime() - offset)
}

/** Parses a calendar day written YYYY-MM-DD; null for anything else. */
export function parseIsoDay(text: string): Date | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseIsoTime(text) : null
}

/**
 * Reads a Reltio date (epoch ms number, numeric string or ISO string).
 * Absent or null means no date; a value that cannot be read, or that lies
 * after `now`, is `unknown` with the reason.
 */
export function parseReltioDate(value: unknown, now: Date): ReltioDate {
  if (value === undefined || value === null) return { kind: 'none' }
  if (typeof value === 'number') return checkPlausible(value, now)
  if (typeof value !== 'string') {
    return {
      kind: 'unknown',
      why: `a value of type ${typeof value} is not a date`
    }
  }
  const text = value.trim()
  if (/^\d+$/.test(text)) return checkPlausible(Number(text), now)
  const date = parseIsoTime(text)
  if (!date) return { kind: 'unknown', why: `'${value}' is not a date` }
  return checkPlausible(date.getTime(), now)
}

/** Whole days from `from` to `to`, rounded down. */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS)
}

/** The calendar day (YYYY-MM-DD, UTC) of a date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function checkPlausible(ms: number, now: Date): ReltioDate {
  const date = new Date(ms)
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) {
    return { kind: 'unknown', why: `${ms} is not a date` }
  }
  if (ms < EARLIEST_PLAUSIBLE_MS) {
    return {
      kind: 'unknown',
      why: `${date.toISOString()} lies before 2000, so it is not epoch milliseconds`
    }
  }
  if (ms > now.getTime()) {
    return { kind: 'unknown', why: `${date.toISOString()} lies after now` }
  }
  return { kind: 'date', date }
}

function isRealCalendarTime(date: Date, fields: number[]): boolean {
  // Date.UTC rolls 30 February over into March; comparing the fields back
  // catches impossible dates that a plain Date.parse would accept.
  const actual = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds()
  ]
  return actual.every((value, index) => value === fields[index])
}

function zoneOffsetMs(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2, 4))
  if (hours > 23 || minutes > 59) return null
  return sign * (hours * 60 + minutes) * 60_000
}
