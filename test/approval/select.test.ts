import { describe, expect, it } from 'vitest'
import { selectApproved } from '../../src/approval/select.ts'
import { planWith } from './helpers.ts'

const names = (list: Array<{ username: string }>): string[] =>
  list.map((c) => c.username)

describe('selectApproved', () => {
  const plan = planWith(['a@x.com', 'b@x.com', 'c@x.com'])

  it('approves every candidate when there is no issue', () => {
    const selection = selectApproved(plan, null)
    expect(names(selection.approved)).toEqual(['a@x.com', 'b@x.com', 'c@x.com'])
    expect(selection.keptByReviewers).toEqual([])
    expect(selection.missingFromIssue).toEqual([])
  })

  it('approves ticked candidates and keeps unticked ones', () => {
    const selection = selectApproved(plan, [
      { username: 'a@x.com', ticked: true },
      { username: 'b@x.com', ticked: false },
      { username: 'c@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['a@x.com', 'c@x.com'])
    expect(selection.keptByReviewers).toEqual(['b@x.com'])
  })

  it('ignores and reports issue items that are not in the plan', () => {
    const selection = selectApproved(plan, [
      { username: 'a@x.com', ticked: true },
      { username: 'intruder@x.com', ticked: true },
      { username: 'b@x.com', ticked: true },
      { username: 'c@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['a@x.com', 'b@x.com', 'c@x.com'])
    expect(selection.ignoredNotInPlan).toEqual(['intruder@x.com'])
  })

  it('does not approve a candidate the issue does not list', () => {
    const selection = selectApproved(plan, [
      { username: 'a@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['a@x.com'])
    expect(selection.missingFromIssue).toEqual(['b@x.com', 'c@x.com'])
    expect(selection.keptByReviewers).toEqual([])
  })

  it('approves nobody from an issue with no items', () => {
    const selection = selectApproved(plan, [])
    expect(selection.approved).toEqual([])
    expect(selection.missingFromIssue).toHaveLength(3)
  })

  it('keeps a user listed twice when any listing is unticked', () => {
    const selection = selectApproved(plan, [
      { username: 'a@x.com', ticked: true },
      { username: 'a@x.com', ticked: false },
      { username: 'b@x.com', ticked: true },
      { username: 'c@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['b@x.com', 'c@x.com'])
    expect(selection.keptByReviewers).toEqual(['a@x.com'])
  })

  it('matches a username whose case was changed in the issue', () => {
    const selection = selectApproved(plan, [
      { username: 'A@X.com', ticked: true },
      { username: ' b@x.com ', ticked: false },
      { username: 'c@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['a@x.com', 'c@x.com'])
    expect(selection.keptByReviewers).toEqual(['b@x.com'])
  })

  it('returns the plan candidate, never the text of the issue item', () => {
    const selection = selectApproved(plan, [
      { username: 'A@X.COM', ticked: true }
    ])
    expect(selection.approved[0]).toBe(plan.candidates[0])
  })

  it('refuses a case-only match that would fit two candidates', () => {
    const twins = planWith(['Bob@x.com', 'bob@x.com'])
    const selection = selectApproved(twins, [
      { username: 'BOB@X.COM', ticked: true },
      { username: 'Bob@x.com', ticked: true }
    ])
    expect(names(selection.approved)).toEqual(['Bob@x.com'])
    expect(selection.ignoredNotInPlan).toEqual(['BOB@X.COM'])
    expect(selection.missingFromIssue).toEqual(['bob@x.com'])
  })

  it('never lets a different user in through a similar name', () => {
    const selection = selectApproved(plan, [
      { username: 'a@x.co', ticked: true },
      { username: 'a@x.com.evil', ticked: true },
      { username: '*', ticked: true }
    ])
    expect(selection.approved).toEqual([])
    expect(selection.ignoredNotInPlan).toHaveLength(3)
  })
})
