import { describe, expect, it } from 'vitest'
import { checkGuards } from '../../src/approval/guards.ts'
import { ApprovalError } from '../../src/errors.ts'

const limits = { maxDeactivations: 50, maxDeactivationPercent: 10 }

describe('checkGuards', () => {
  it('passes a run inside both limits', () => {
    expect(() =>
      checkGuards({ approvedCount: 5, enabledCount: 100, ...limits })
    ).not.toThrow()
  })

  it('refuses when Reltio listed no enabled users', () => {
    expect(() =>
      checkGuards({ approvedCount: 0, enabledCount: 0, ...limits })
    ).toThrow(/^Reltio listed no enabled users; refusing/)
  })

  it('refuses more users than max-deactivations, naming the input', () => {
    const run = (): void =>
      checkGuards({ approvedCount: 51, enabledCount: 10_000, ...limits })
    expect(run).toThrow(ApprovalError)
    expect(run).toThrow(/51 users, more than max-deactivations \(50\)/)
  })

  it('allows exactly max-deactivations', () => {
    expect(() =>
      checkGuards({ approvedCount: 50, enabledCount: 10_000, ...limits })
    ).not.toThrow()
  })

  it('refuses a share above max-deactivation-percent, with the numbers', () => {
    const run = (): void =>
      checkGuards({ approvedCount: 11, enabledCount: 100, ...limits })
    expect(run).toThrow(
      /11 of 100 enabled users \(11%\), more than max-deactivation-percent \(10%\)/
    )
  })

  it.each([
    [7, 100, 7],
    [10, 100, 10],
    [3, 30, 10],
    [1, 3, 33.34]
  ])('allows %i of %i users at exactly %f percent', (n, of, max) => {
    expect(() =>
      checkGuards({
        approvedCount: n,
        enabledCount: of,
        maxDeactivations: 50,
        maxDeactivationPercent: max
      })
    ).not.toThrow()
  })

  it('reports a fractional share with one decimal', () => {
    expect(() =>
      checkGuards({ approvedCount: 1, enabledCount: 3, ...limits })
    ).toThrow(/\(33\.3%\).*raise max-deactivation-percent to at least 34/)
  })
})
