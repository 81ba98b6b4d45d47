import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prettyJsonChunks } from '../../src/report/json-chunks.ts'

const joined = (value: unknown, itemsPerPiece?: number): string =>
  [...prettyJsonChunks(value, itemsPerPiece)].join('')

describe('prettyJsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) for any JSON value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 1, max: 8 }),
        (value, size) => {
          expect(joined(value, size)).toBe(JSON.stringify(value, null, 2))
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('writes long lists of records exactly as JSON.stringify does', () => {
    const primitive = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null)
    )
    const record = fc.dictionary(fc.string({ maxLength: 4 }), primitive, {
      maxKeys: 5
    })
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 65, maxLength: 90 }),
        (list) => {
          expect(joined({ list }, 7)).toBe(JSON.stringify({ list }, null, 2))
        }
      ),
      { numRuns: 200 }
    )
  })

  it('takes long lists apart and still matches, nested or at the top', () => {
    const users = Array.from({ length: 300 }, (_, i) => ({
      username: `u${i}`,
      tags: i % 2 ? [] : ['a', { b: [i] }],
      note: i % 3 ? null : 'line\nbreak "quoted"'
    }))
    const plan = {
      id: 'x',
      empty: {},
      none: [],
      users,
      names: users.map((u) => u.username)
    }
    expect(joined(plan, 64)).toBe(JSON.stringify(plan, null, 2))
    expect(joined(users, 64)).toBe(JSON.stringify(users, null, 2))
    expect(joined(plan)).toBe(JSON.stringify(plan, null, 2))
  })

  it('cuts a long list into several pieces', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ i }))
    expect([...prettyJsonChunks({ list }, 100)]).toHaveLength(1 + 10 + 2)
  })

  it('leaves out and nulls what JSON cannot write, as JSON.stringify does', () => {
    const list = Array.from({ length: 100 }, (_, i) =>
      i % 10 === 0 ? undefined : i % 10 === 1 ? () => i : i
    )
    const value = { a: undefined, b: () => 1, c: 1, list, d: Symbol('x') }
    expect(joined(value, 7)).toBe(JSON.stringify(value, null, 2))
  })

  it('applies toJSON with the key JSON.stringify would pass', () => {
    const seen: string[] = []
    const marker = {
      toJSON(key: string) {
        seen.push(key)
        return { key }
      }
    }
    const value = {
      when: new Date(0),
      marker,
      list: Array.from({ length: 70 }, (_, i) => (i === 3 ? marker : i))
    }
    expect(joined(value)).toBe(JSON.stringify(value, null, 2))
    expect(seen).toEqual(['marker', '3', 'marker', '3'])
  })

  it('throws what toJSON throws', () => {
    const broken = {
      toJSON: () => {
        throw new Error('cannot serialise')
      }
    }
    expect(() => joined({ ok: 1, broken })).toThrow('cannot serialise')
  })
})
