import { describe, expect, it } from 'vitest'
import { checkApprover } from '../../src/approval/approver.ts'
import { ApprovalError } from '../../src/errors.ts'

describe('checkApprover', () => {
  it('lets anyone approve when approvers is empty', () => {
    expect(() => checkApprover('mallory', [])).not.toThrow()
    expect(() => checkApprover('mallory', ['', '  '])).not.toThrow()
  })

  it('accepts a listed login whatever its case or a leading @', () => {
    expect(() => checkApprover('Alice', ['@alice', 'bob'])).not.toThrow()
    expect(() => checkApprover('BOB', ['alice', ' Bob '])).not.toThrow()
  })

  it('refuses a login not in approvers, naming the actor and the input', () => {
    let caught: unknown
    try {
      checkApprover('mallory', ['alice', 'bob'])
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ApprovalError)
    const message = (caught as Error).message
    expect(message).toContain('"mallory"')
    expect(message).toContain('approvers input (alice, bob)')
  })

  it('refuses an empty actor when approvers are set', () => {
    expect(() => checkApprover('', ['alice'])).toThrow(/unknown actor/)
  })

  it('does not accept a login that only contains an approver', () => {
    expect(() => checkApprover('alice2', ['alice'])).toThrow(ApprovalError)
  })
})
