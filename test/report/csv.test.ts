import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderPlanCsv, textField } from '../../src/report/csv.ts'
import { buildPlan } from '../../src/report/plan.ts'
import { mixedUsers, planInputOf, userOf } from './fixtures.ts'

/** A strict RFC 4180 reader, enough to check what the renderer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else if (char === '\r' && text[i + 1] === '\n') {
      records.push([...fields, field])
      fields = []
      field = ''
      i += 1
    } else field += char
  }
  return records
}

function csvOf(users = mixedUsers()): string[][] {
  return parseCsv(renderPlanCsv(buildPlan(planInputOf(users))))
}

describe('renderPlanCsv', () => {
  it('writes the header and one row per user', () => {
    const records = csvOf()
    expect(records[0]).toEqual([
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
    ])
    expect(records).toHaveLength(mixedUsers().length + 1)
  })

  it('writes each field of a user', () => {
    const records = csvOf([
      userOf('carol', 'candidate', { pastReltioPolicy: true })
    ])
    expect(records[1]).toEqual([
      'carol',
      'carol@example.com',
      'candidate',
      'candidate because of the fixture',
      '',
      '2025-01-01T08:00:00.000Z',
      '151',
      '',
      'true',
      'false',
      'lastLoginDate'
    ])
  })

  it('quotes commas, quotes and line breaks', () => {
    const text = renderPlanCsv(
      buildPlan(
        planInputOf([userOf('a', 'active', { reason: 'say "hi",\nthen go' })])
      )
    )
    expect(text).toContain('"say ""hi"",\nthen go"')
    expect(
      csvOf([userOf('a', 'active', { reason: 'say "hi",\nthen go' })])[1]?.[3]
    ).toBe('say "hi",\nthen go')
  })

  it('ends every record with CRLF', () => {
    const text = renderPlanCsv(buildPlan(planInputOf(mixedUsers())))
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.split('\r\n')).toHaveLength(mixedUsers().length + 2)
  })

  it('reads back any username exactly, formula starts defused', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        (name, reason) => {
          const [, row] = csvOf([userOf(`u${name}`, 'active', { reason })])
          expect(row?.[0]).toBe(`u${name}`)
          expect(row?.[3]).toBe(
            /^[=+\-@\t\r]/.test(reason) ? `'${reason}` : reason
          )
        }
      )
    )
  })
})

describe('textField', () => {
  it.each([
    [
      '=HYPERLINK("https://evil.example")',
      `"'=HYPERLINK(""https://evil.example"")"`
    ],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['a=b', 'a=b'],
    ['', '']
  ])('defuses %j as %j', (input, expected) => {
    expect(textField(input)).toBe(expected)
  })

  it('leaves a missing value empty', () => {
    expect(textField(null)).toBe('')
  })
})
