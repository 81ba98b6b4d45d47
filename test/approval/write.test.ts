import { describe, expect, it } from 'vitest'
import {
  NOT_SENT,
  WriteGate,
  differingFields
} from '../../src/approval/write.ts'
import { forbidden } from './memory-reltio.ts'

/** A promise the test settles by hand, to order concurrent writes. */
function deferred(): { promise: Promise<string>; resolve: () => void } {
  let resolve = (): void => undefined
  const promise = new Promise<string>((r) => (resolve = () => r('ok')))
  return { promise, resolve }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('WriteGate', () => {
  it('holds other writes back until the first write succeeds', async () => {
    const gate = new WriteGate()
    const first = deferred()
    const started: string[] = []
    const one = gate.run(() => (started.push('one'), first.promise))
    const two = gate.run(async () => (started.push('two'), 'ok'))
    await tick()
    expect(started).toEqual(['one'])
    first.resolve()
    await Promise.all([one, two])
    expect(started).toEqual(['one', 'two'])
  })

  it('lets writes overlap once one has succeeded', async () => {
    const gate = new WriteGate()
    await gate.run(async () => 'ok')
    const slow = deferred()
    const started: string[] = []
    const one = gate.run(() => (started.push('one'), slow.promise))
    const two = gate.run(async () => (started.push('two'), 'ok'))
    await tick()
    expect(started).toEqual(['one', 'two'])
    slow.resolve()
    await Promise.all([one, two])
  })

  it('sends nothing after a 403 and rethrows it to the writer', async () => {
    const gate = new WriteGate()
    const refused = gate.run(async () => {
      throw forbidden('PUT /oauth/users/a')
    })
    const next = gate.run(async () => 'sent')
    await expect(refused).rejects.toMatchObject({ status: 403 })
    await expect(next).resolves.toBe(NOT_SENT)
    expect(gate.forbidden?.status).toBe(403)
  })

  it('keeps writing one at a time after a failure that is not a 403', async () => {
    const gate = new WriteGate()
    const failed = gate.run(async () => {
      throw new Error('500')
    })
    const next = gate.run(async () => 'sent')
    await expect(failed).rejects.toThrow('500')
    await expect(next).resolves.toBe('sent')
  })
})

describe('differingFields', () => {
  it('compares deeply and ignores key order', () => {
    const a = { x: { b: 1, a: [1, { c: 2 }] }, y: 1 }
    const b = { y: 1, x: { a: [1, { c: 2 }], b: 1 } }
    expect(differingFields(a, b)).toEqual([])
  })

  it('names fields changed, added or removed, except the ignored ones', () => {
    const sent = { enabled: false, groups: ['A'], lastLoginDate: 1, gone: 1 }
    const read = { enabled: true, groups: ['A', 'B'], lastLoginDate: 2, new: 1 }
    expect(differingFields(sent, read, ['lastLoginDate'])).toEqual([
      'enabled',
      'gone',
      'groups',
      'new'
    ])
  })

  it('tells null from a missing field', () => {
    expect(differingFields({ a: null }, {})).toEqual(['a'])
  })
})
