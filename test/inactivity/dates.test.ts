import { describe, expect, it } from 'vitest'
import {
  isoDay,
  parseIsoDay,
  parseIsoTime,
  parseReltioDate,
  wholeDaysBetween
} from '../../src/inactivity/dates.ts'

const NOW = new Date('2025-06-01T12:00:00.000Z')

describe('parseIsoTime', () => {
  it.each([
    ['2025-06-01T12:00:00Z', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T12:00:00.5Z', '2025-06-01T12:00:00.500Z'],
    ['2025-06-01T12:00:00.123456z', '2025-06-01T12:00:00.123Z'],
    ['2025-06-01T14:00:00+02:00', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T07:30:00-0430', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01T12:00', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01 12:00:00', '2025-06-01T12:00:00.000Z'],
    ['2025-06-01', '2025-06-01T00:00:00.000Z'],
    ['  2024-02-29T00:00:00Z ', '2024-02-29T00:00:00.000Z']
  ])('reads %s as %s (no zone means UTC)', (text, iso) => {
    expect(parseIsoTime(text)?.toISOString()).toBe(iso)
  })

  it.each([
    '2025-02-29',
    '2025-13-01',
    '2025-06-31T00:00:00Z',
    '2025-06-01T24:00:00Z',
    '2025-06-01T12:60:00Z',
    '2025-06-01T12:00:60Z',
    '2025-06-01T12:00:00+24:00',
    '06/01/2025',
    '1717243200000',
    'tomorrow',
    ''
  ])('refuses %j', (text) => {
    expect(parseIsoTime(text)).toBeNull()
  })
})

describe('parseIsoDay', () => {
  it('reads a day and refuses a time', () => {
    expect(parseIsoDay('2027-06-30')?.toISOString()).toBe(
      '2027-06-30T00:00:00.000Z'
    )
    expect(parseIsoDay('2027-06-30T00:00:00Z')).toBeNull()
  })
})

describe('parseReltioDate', () => {
  const at = (iso: string) => ({ kind: 'date', date: new Date(iso) })

  it.each([
    ['epoch ms', 1_712_000_000_000, at('2024-04-01T19:33:20.000Z')],
    ['a numeric string', '1712000000000', at('2024-04-01T19:33:20.000Z')],
    ['an ISO string', '2024-01-01T10:00:00Z', at('2024-01-01T10:00:00.000Z')],
    ['exactly now', NOW.getTime(), at(NOW.toISOString())],
    ['null', null, { kind: 'none' }],
    ['undefined', undefined, { kind: 'none' }]
  ])('reads %s', (_, value, expected) => {
    expect(parseReltioDate(value, NOW)).toEqual(expected)
  })

  it.each([
    ['1 ms after now', NOW.getTime() + 1, /after now/],
    ['an ISO time after now', '2025-06-02', /after now/],
    ['epoch seconds', 1_712_000_000, /before 2000/],
    ['zero', 0, /before 2000/],
    ['a negative number', -5, /before 2000/],
    ['NaN', Number.NaN, /not a date/],
    ['a number beyond the Date range', 9e15, /not a date/],
    ['text', 'yesterday', /'yesterday' is not a date/],
    ['an empty string', '', /is not a date/],
    ['a boolean', true, /type boolean is not a date/],
    ['an object', { $date: 1 }, /type object is not a date/]
  ])('marks %s as unknown with the reason', (_, value, why) => {
    const result = parseReltioDate(value, NOW)
    expect(result.kind).toBe('unknown')
    expect(result.kind === 'unknown' && result.why).toMatch(why)
  })
})

describe('wholeDaysBetween', () => {
  it.each([
    [0, 0],
    [86_400_000 - 1, 0],
    [86_400_000, 1],
    [90 * 86_400_000 + 1, 90]
  ])('counts %i ms as %i whole days', (ms, days) => {
    expect(wholeDaysBetween(new Date(NOW.getTime() - ms), NOW)).toBe(days)
  })
})

describe('isoDay', () => {
  it('gives the UTC calendar day', () => {
    expect(isoDay(new Date('2025-06-01T23:59:59.999-05:00'))).toBe('2025-06-02')
  })
})
