/**
 * The least report: what the floor does, then plan.json and plan.csv with
 * one entry of the report's eleven fields per user. No decision, no sort,
 * no escaping, no summary and none of the plan's other lists; the JSON is
 * compact and both files go out in pieces of 1,000 users with plain
 * synchronous writes, the quickest way Node has. It is a lower bound on
 * any run that writes the report files. Run by runAction like the action,
 * so it gets the same report-dir.
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { fetchUsers } from './fetch-users.mjs'

const PIECE = 1000

const users = await fetchUsers()
const rows = users.map((user) => ({
  username: user.username,
  email: user.email ?? null,
  bucket: 'active',
  reason: 'not classified: the least report decides nothing',
  rule: null,
  lastLoginDate:
    typeof user.lastLoginDate === 'number'
      ? new Date(user.lastLoginDate).toISOString()
      : null,
  daysInactive: null,
  daysLeft: null,
  pastReltioPolicy: false,
  deletionCandidate: false,
  evidence: 'none'
}))
const dir = process.env['INPUT_REPORT-DIR']
writePieces(
  join(dir, 'plan.json'),
  (start) => {
    const text = JSON.stringify(rows.slice(start, start + PIECE)).slice(1, -1)
    return `${start === 0 ? '{"users":[' : ','}${text}`
  },
  ']}\n'
)
writePieces(
  join(dir, 'plan.csv'),
  (start) => {
    const lines = rows.slice(start, start + PIECE).map(csvLine)
    return lines.join('')
  },
  ''
)
process.stdout.write(`users=${users.length}\n`)

function csvLine(row) {
  return `${Object.values(row).join(',')}\r\n`
}

function writePieces(path, piece, end) {
  const fd = openSync(path, 'w')
  try {
    for (let start = 0; start < rows.length; start += PIECE) {
      writeSync(fd, piece(start))
    }
    writeSync(fd, end)
  } finally {
    closeSync(fd)
  }
}
