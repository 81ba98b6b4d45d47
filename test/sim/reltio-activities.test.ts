import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseFilter } from '../../sim/reltio/activity-filter.ts'
import { matchesFilter } from '../../sim/reltio/activity-match.ts'
import {
  startReltioSimulator,
  type ActivityRecord,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { call, readJson, tokenFor } from './reltio-fetch.ts'

const NOW = Date.parse('2025-06-01T00:00:00Z')
const DAY = 86_400_000

function activity(
  uri: string,
  user: string,
  label: string,
  daysAgo: number
): ActivityRecord {
  const items = label === 'USER_LOGIN' ? [] : [{ data: { type: label } }]
  return {
    uri,
    user,
    label,
    description: '',
    timestamp: NOW - daysAgo * DAY,
    items
  }
}

const ACTIVITIES = [
  activity('activities/1', 'jane@acme.example', 'ENTITY_CHANGED', 5),
  activity('activities/2', 'jane@acme.example', 'USER_LOGIN', 10),
  activity('activities/3', 'bob@acme.example', 'USER_LOGIN', 20),
  activity('activities/4', 'jane@acme.example', 'USER_LOGIN', 200)
]

describe('parseFilter', () => {
  it.each([
    ["equals(user,'x')", { kind: 'call', name: 'equals', args: ['user', 'x'] }],
    [
      'equals(user, "a b") AND gte(timestamp, 5)',
      {
        kind: 'and',
        parts: [
          { kind: 'call', name: 'equals', args: ['user', 'a b'] },
          { kind: 'call', name: 'gte', args: ['timestamp', '5'] }
        ]
      }
    ],
    [
      "not (equals(label,'A') or exists(userId))",
      {
        kind: 'not',
        inner: {
          kind: 'or',
          parts: [
            { kind: 'call', name: 'equals', args: ['label', 'A'] },
            { kind: 'call', name: 'exists', args: ['userId'] }
          ]
        }
      }
    ],
    [
      "equals(user,'o''brien')",
      { kind: 'call', name: 'equals', args: ['user', "o'brien"] }
    ]
  ])('parses %s', (text, expected) => {
    expect(parseFilter(text)).toEqual(expected)
  })

  it.each([
    'equals(user)',
    "equals(user,'x'",
    "fuzzy(user,'x')",
    "equals(user,'x') and",
    "equals(user,'x') )",
    ''
  ])('rejects %j', (text) => {
    expect(() => parseFilter(text)).toThrow()
  })
})

describe('matchesFilter', () => {
  const [changed] = ACTIVITIES
  const record = changed as unknown as Record<string, unknown>

  it.each([
    ["equals(user,'JANE@acme.example')", true],
    ["equalsCaseSensitive(user,'JANE@acme.example')", false],
    ["startsWith(label,'ENTITY')", true],
    ['equals(items.data.type, ENTITY_CHANGED)', true],
    [`gt(timestamp,${NOW - 6 * DAY}) and lt(timestamp,${NOW})`, true],
    [`range(timestamp,${NOW - 2 * DAY},${NOW})`, false],
    ["equals(user,'bob') or containsWordStartingWith(label,'chan')", true],
    ['missing(userId)', true]
  ] as const)('evaluates %s as %s', (text, expected) => {
    expect(matchesFilter(parseFilter(text), record)).toBe(expected)
  })
})

describe('GET /activities', () => {
  let sim: ReltioSimulator
  let token: string

  beforeAll(async () => {
    sim = await startReltioSimulator({
      users: [],
      now: NOW,
      activities: ACTIVITIES
    })
    token = await tokenFor(sim)
  })
  afterAll(() => sim.close())

  async function search(query: Record<string, string>) {
    const url = `${sim.tenantUrl}/activities?${new URLSearchParams(query)}`
    const response = await call(url, token)
    const body = await readJson<ActivityRecord[]>(response)
    return { status: response.status, body }
  }
  const uris = (records: ActivityRecord[]) => records.map((r) => r.uri)

  it("returns one user's records newest first in the last four months", async () => {
    const { body } = await search({
      filter: "equals(user,'jane@acme.example')"
    })
    expect(uris(body)).toEqual(['activities/1', 'activities/2'])
  })

  it('searches older records when the filter bounds the timestamp', async () => {
    const since = String(NOW - 365 * DAY)
    const filter = `(equals(user,'jane@acme.example')) and (gte(timestamp, ${since}))`
    const { body } = await search({ filter })
    expect(uris(body)).toEqual(['activities/1', 'activities/2', 'activities/4'])
  })

  it('pages with max and offset', async () => {
    const { body } = await search({ max: '1', offset: '1' })
    expect(uris(body)).toEqual(['activities/2'])
  })

  it.each([
    [{ max: '10001' }],
    [{ max: '5000', offset: '5001' }],
    [{ max: '0' }],
    [{ filter: 'equals(user' }]
  ])('answers 400 in the tenant error shape for %j', async (query) => {
    const { status, body } = await search(query)
    expect(status).toBe(400)
    expect(body).toEqual({
      severity: 'Error',
      errorMessage: expect.any(String),
      errorCode: expect.any(Number),
      errorDetailMessage: expect.any(String)
    })
  })

  it('names the actor userId when the switch says so', async () => {
    sim.setSwitches({ activityActorKey: 'userId' })
    const byUser = await search({ filter: "equals(user,'bob@acme.example')" })
    const byUserId = await search({
      filter: "equals(userId,'bob@acme.example')"
    })
    sim.setSwitches({ activityActorKey: 'user' })

    expect(byUser.body).toEqual([])
    expect(byUserId.body).toEqual([
      expect.objectContaining({
        uri: 'activities/3',
        userId: 'bob@acme.example'
      })
    ])
    expect(byUserId.body[0]).not.toHaveProperty('user')
  })

  it('finds entries pushed into the live list', async () => {
    sim.activities.push(
      activity('activities/5', 'new@acme.example', 'USER_LOGIN', 1)
    )
    const { body } = await search({ filter: "equals(user,'new@acme.example')" })
    expect(uris(body)).toEqual(['activities/5'])
  })

  it('answers 404 for another tenant', async () => {
    const response = await call(
      `${sim.url}/reltio/api/otherTenant/activities`,
      token
    )
    expect(response.status).toBe(404)
    expect((await readJson(response)).severity).toBe('Error')
  })
})
