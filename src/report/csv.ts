import type { ClassifiedUser } from '../inactivity/types.js'
import type { Plan } from './types.js'

const HEADER = [
  'username',
  'email',
  'bucket',
  'reason',
  'rule',
  'lastLoginDate',
  'daysInactive',
  'daysLeft',
  'pastReltioPolicy',
  'deletionCandidate',
  'evidence'
]

// RFC 4180 ends records with CRLF; spreadsheets read it everywhere.
const RECORD_END = '\r\n'

// A spreadsheet runs a cell that starts with = + - or @ as a formula, so a
// username such as `=HYPERLINK("https://evil.example", "x")` would turn the
// reviewer's spreadsheet into the attacker's (CSV injection, per OWASP).
// Tab and carriage return are on OWASP's list too: some spreadsheets skip
// them before looking for the formula sign. A leading single quote makes
// the cell plain text.
const FORMULA_START = /^[=+\-@\t\r]/

// Either of the above; most fields have neither, and one test says so.
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/

/**
 * Records per piece of `planCsvChunks`: few, so that most pieces hold only
 * characters up to U+00FF and encode fast (see files.ts).
 */
const RECORDS_PER_PIECE = 64

/** Renders every user of the plan as RFC 4180 CSV, one row per user. */
export function renderPlanCsv(plan: Plan): string {
  return [...planCsvChunks(plan)].join('')
}

/**
 * The text of `renderPlanCsv` in pieces of a few thousand records, so a
 * large plan can be written without holding the whole file as one string.
 */
export function* planCsvChunks(plan: Plan): Generator<string> {
  let piece = HEADER.join(',') + RECORD_END
  let count = 0
  for (const user of plan.users) {
    piece += renderRecord(user) + RECORD_END
    if (++count % RECORDS_PER_PIECE === 0) {
      yield piece
      piece = ''
    }
  }
  if (piece !== '') yield piece
}

function renderRecord(user: ClassifiedUser): string {
  return (
    `${textField(user.username)},${textField(user.email)},${user.bucket},` +
    `${textField(user.reason)},${textField(user.rule)},` +
    `${textField(user.lastLoginDate)},${numberField(user.daysInactive)},` +
    `${numberField(user.daysLeft)},${user.pastReltioPolicy},` +
    `${user.deletionCandidate},${user.evidence}`
  )
}

/** Quotes record text per RFC 4180 after defusing formula starts. */
export function textField(value: string | null): string {
  if (value === null) return ''
  if (!NEEDS_CARE.test(value)) return value
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

// Numbers come from our own arithmetic, not from records, so a negative
// number stays a number rather than getting the formula guard's quote.
function numberField(value: number | null): string {
  return value === null ? '' : String(value)
}
