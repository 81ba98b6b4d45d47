import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { mapLimited } from '../src/concurrency.ts'

describe('mapLimited', () => {
  it('returns results in the order of the items, not of finishing', async () => {
    const turns = [3, 0, 2, 1]
    const results = await mapLimited(turns, 4, async (wait) => {
      for (let i = 0; i < wait; i++) await nextTurn()
      return wait * 10
    })
    expect(results).toEqual([30, 0, 20, 10])
  })

  it('never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      running++
      most = Math.max(most, running)
      await nextTurn()
      running--
    })
    expect(most).toBe(3)
  })

  it.each([0, -2, Number.NaN])(
    'runs one at a time for a limit of %s',
    async (limit) => {
      let running = 0
      let most = 0
      const results = await mapLimited(['a', 'b', 'c'], limit, async (item) => {
        running++
        most = Math.max(most, running)
        await nextTurn()
        running--
        return item
      })
      expect(results).toEqual(['a', 'b', 'c'])
      expect(most).toBe(1)
    }
  )

  it('starts no new item after one fails, and throws the first error', async () => {
    const started: number[] = []
    const run = mapLimited([1, 2, 3, 4, 5, 6], 2, async (item) => {
      started.push(item)
      await nextTurn()
      if (item === 2) throw new Error(`item ${item} failed`)
    })

    await expect(run).rejects.toThrow('item 2 failed')
    // Let the other worker finish the item it had begun.
    for (let i = 0; i < 5; i++) await nextTurn()
    expect(started).toEqual([1, 2, 3])
  })

  it('resolves to an empty list for no items', async () => {
    await expect(mapLimited([], 4, () => Promise.resolve(1))).resolves.toEqual(
      []
    )
  })
})
