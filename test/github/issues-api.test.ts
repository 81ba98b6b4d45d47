import { describe, expect, it } from 'vitest'
import {
  readAllPages,
  serializeMutations
} from '../../src/github/issues-api.ts'
import { FakeIssuesApi, apiError } from './fake-issues-api.ts'

/** A sleep that records each pause and returns at once. */
function recordingSleep(events: string[]) {
  return async (ms: number) => {
    events.push(`pause ${ms}`)
  }
}

/** Wraps the fake so each write logs when it starts and ends. */
function tracedFake(events: string[]): FakeIssuesApi {
  const fake = new FakeIssuesApi()
  const createComment = fake.createComment.bind(fake)
  fake.createComment = async (params) => {
    events.push(`start ${params.body}`)
    await new Promise((resolve) => setImmediate(resolve))
    events.push(`end ${params.body}`)
    if (params.body === 'fail') throw apiError(500, 'boom')
    return createComment(params)
  }
  return fake
}

describe('serializeMutations', () => {
  it('runs writes one at a time with a pause between them', async () => {
    const events: string[] = []
    const fake = tracedFake(events)
    fake.seedIssue({ body: 'x' })
    const api = serializeMutations(fake, {
      pauseMs: 1000,
      sleep: recordingSleep(events)
    })
    await Promise.all(
      ['a', 'b', 'c'].map((body) => api.createComment({ issueNumber: 1, body }))
    )
    expect(events).toEqual([
      'start a',
      'end a',
      'pause 1000',
      'start b',
      'end b',
      'pause 1000',
      'start c',
      'end c'
    ])
  })

  it('keeps going after a failed write', async () => {
    const events: string[] = []
    const fake = tracedFake(events)
    fake.seedIssue({ body: 'x' })
    const api = serializeMutations(fake, { pauseMs: 0 })
    const failed = api.createComment({ issueNumber: 1, body: 'fail' })
    const next = api.createComment({ issueNumber: 1, body: 'ok' })
    await expect(failed).rejects.toThrow('boom')
    await expect(next).resolves.toMatchObject({ body: 'ok' })
    expect(events).toEqual(['start fail', 'end fail', 'start ok', 'end ok'])
  })

  it('lets reads through without waiting for writes', async () => {
    const events: string[] = []
    const fake = tracedFake(events)
    fake.seedIssue({ body: 'x' })
    const api = serializeMutations(fake, { pauseMs: 0 })
    const write = api.createComment({ issueNumber: 1, body: 'a' })
    const read = api.get(1).then(() => events.push('read'))
    await Promise.all([write, read])
    expect(events.indexOf('read')).toBeLessThan(events.indexOf('end a'))
  })
})

describe('readAllPages', () => {
  it('reads until a page comes back short', async () => {
    const pages: number[] = []
    const items = await readAllPages(async (page, perPage) => {
      pages.push(page)
      const remaining = 250 - (page - 1) * perPage
      return Array.from({ length: Math.min(perPage, remaining) }, () => page)
    })
    expect(items).toHaveLength(250)
    expect(pages).toEqual([1, 2, 3])
  })

  it('asks once more when the last page was exactly full', async () => {
    const items = await readAllPages(
      async (page) => (page <= 2 ? [page, page] : []),
      2
    )
    expect(items).toEqual([1, 1, 2, 2])
  })
})
