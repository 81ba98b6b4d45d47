import { describe, expect, it } from 'vitest'
import {
  MAX_RETRY_AFTER_MS,
  classifyNetworkError,
  defaultRetryDelayMs,
  parseRetryAfter
} from '../../src/reltio/retry.ts'

const NOW = Date.parse('2026-03-01T12:00:00Z')

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7000],
    ['0', 0],
    ['1.5', 1500],
    ['Sun, 01 Mar 2026 12:00:05 GMT', 5000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
    ['100000', MAX_RETRY_AFTER_MS]
  ])('reads %j as %i ms', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected)
  })

  it.each([undefined, '', 'soon', '-3'])('ignores %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeNull()
  })

  it('uses the first of repeated headers', () => {
    expect(parseRetryAfter(['2', '9'], NOW)).toBe(2000)
  })
})

describe('defaultRetryDelayMs', () => {
  it('doubles per attempt from one second at the top of the jitter', () => {
    const top = (): number => 0.999999
    const delays = [1, 2, 3, 4, 5].map((n) => defaultRetryDelayMs(n, top))
    expect(delays).toEqual([1000, 3000, 7000, 15000, 31000])
  })

  it('halves the delay at the bottom of the jitter', () => {
    expect(defaultRetryDelayMs(3, () => 0)).toBe(3500)
  })

  it('caps the delay at one minute', () => {
    expect(defaultRetryDelayMs(12, () => 0.999999)).toBe(60000)
  })
})

describe('classifyNetworkError', () => {
  const withCode = (code: string): Error =>
    Object.assign(new Error(code), { code })

  it('marks a refused connection unreachable but worth a retry', () => {
    expect(classifyNetworkError(withCode('ECONNREFUSED'))).toEqual({
      code: 'ECONNREFUSED',
      unreachable: true,
      retryable: true
    })
  })

  it('does not retry a host name that does not resolve', () => {
    expect(classifyNetworkError(withCode('ENOTFOUND'))).toEqual({
      code: 'ENOTFOUND',
      unreachable: true,
      retryable: false
    })
  })

  it('treats a reset as transient', () => {
    expect(classifyNetworkError(withCode('ECONNRESET'))).toMatchObject({
      unreachable: false,
      retryable: true
    })
  })

  it('finds the code inside a cause or an AggregateError', () => {
    const wrapped = new Error('fetch failed', { cause: withCode('EPIPE') })
    const aggregate = new AggregateError([withCode('ECONNREFUSED')], 'x')
    expect(classifyNetworkError(wrapped)?.code).toBe('EPIPE')
    expect(classifyNetworkError(aggregate)?.code).toBe('ECONNREFUSED')
  })

  it('returns null for errors that are not network failures', () => {
    expect(classifyNetworkError(new TypeError('bad header'))).toBeNull()
    expect(classifyNetworkError('text')).toBeNull()
  })
})
