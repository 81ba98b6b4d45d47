import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  startReltioSimulator,
  type AuditEvent,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import { call, readJson, tokenFor } from './reltio-fetch.ts'

const T0 = Date.parse('2025-05-01T00:00:00Z')

function event(username: string, eventType: string, at: number): AuditEvent {
  return {
    timestamp: at,
    username,
    customerId: 'AcmeCorp',
    eventType,
    ip: '10.0.0.1',
    userAgent: 'ua, with comma'
  }
}

const EVENTS = [
  event('jane@acme.example', 'LOGIN', T0),
  event('jane@acme.example', 'LOGIN_FAILED', T0 + 1000),
  event('bob@acme.example', 'LOGIN_SSO', T0 + 2000),
  event('jane@acme.example', 'LOGIN', T0 + 86_400_000)
]

let sim: ReltioSimulator
let token: string

beforeEach(async () => {
  sim = await startReltioSimulator({ users: [], auditEvents: EVENTS })
  token = await tokenFor(sim)
})
afterEach(() => sim.close())

const exportAudit = (body: unknown, bearer = token) =>
  call(`${sim.url}/audit/export`, bearer, { method: 'POST', json: body })

const seconds = (ms: number) => Math.floor(ms / 1000)

describe('POST /audit/export', () => {
  it('exports the matching login events as JSON', async () => {
    const response = await exportAudit({
      usernames: ['JANE@acme.example', 'bob@acme.example'],
      events: ['LOGIN', 'LOGIN_SSO'],
      startTimestamp: seconds(T0),
      endTimestamp: seconds(T0 + 3000),
      format: 'json'
    })
    expect(response.status).toBe(200)
    expect(await readJson(response)).toEqual([EVENTS[0], EVENTS[2]])
  })

  it('accepts ISO start and end and answers CSV by default', async () => {
    const response = await exportAudit({
      customerId: 'AcmeCorp',
      start: new Date(T0 + 500).toISOString(),
      end: new Date(T0 + 2500).toISOString()
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    expect((await response.text()).split('\n')).toEqual([
      'timestamp,username,customerId,eventType,ip,userAgent',
      `${T0 + 1000},jane@acme.example,AcmeCorp,LOGIN_FAILED,10.0.0.1,"ua, with comma"`,
      `${T0 + 2000},bob@acme.example,AcmeCorp,LOGIN_SSO,10.0.0.1,"ua, with comma"`,
      ''
    ])
  })

  it.each([
    ['no time range', { usernames: [] }],
    [
      'usernames that are not strings',
      { start: '2025-01-01', end: '2025-02-01', usernames: [1] }
    ],
    [
      'an unknown format',
      { start: '2025-01-01', end: '2025-02-01', format: 'xml' }
    ],
    ['an end before the start', { startTimestamp: 20, endTimestamp: 10 }]
  ])('answers 400 to %s', async (_, body) => {
    const response = await exportAudit(body)
    expect(response.status).toBe(400)
    expect((await readJson(response)).errorCode).toBe(400)
  })

  it('answers 403 to a caller without ROLE_ADMIN_CUSTOMER', async () => {
    const readonly = await tokenFor(sim, sim.readonlyClient)
    const response = await exportAudit(
      { start: '2025-01-01', end: '2025-02-01' },
      readonly
    )
    expect(response.status).toBe(403)
  })

  it("answers 403 for another customer's log", async () => {
    const body = { customerId: 'Other', start: '2025-01-01', end: '2025-02-01' }
    expect((await exportAudit(body)).status).toBe(403)
  })

  it('answers 429 above the synchronous export limit', async () => {
    sim.setSwitches({ auditExportMaxConcurrent: 2, auditExportDelayMs: 60_000 })
    const body = { start: '2025-01-01', end: '2025-02-01', format: 'json' }
    const held = [exportAudit(body), exportAudit(body)].map((p) =>
      p.catch(() => null)
    )
    while (sim.exportsRunning < 2) await new Promise((r) => setTimeout(r, 5))

    const response = await exportAudit(body)
    expect(response.status).toBe(429)
    expect(await readJson(response)).toEqual({
      errorCode: 429,
      errorMessage:
        'user has exceeded the number of allowable synchronous requests'
    })
    await sim.close()
    await Promise.all(held)
  })
})
