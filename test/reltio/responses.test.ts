import { describe, expect, it } from 'vitest'
import { ReltioError } from '../../src/errors.ts'
import type { HttpResponse } from '../../src/reltio/http.ts'
import {
  errorDetail,
  readBody,
  statusError
} from '../../src/reltio/responses.ts'
import {
  AuditExportSchema,
  ReltioUserListSchema
} from '../../src/reltio/schemas.ts'

function answer(text: string, status = 200): HttpResponse {
  return { status, headers: {}, text, endpoint: 'GET /oauth/users' }
}

const hideSecret = (text: string): string => text.split('s3cret').join('***')

function caught(run: () => unknown): ReltioError {
  try {
    run()
  } catch (error) {
    if (error instanceof ReltioError) return error
    throw error
  }
  throw new Error('expected a ReltioError')
}

describe('readBody', () => {
  it('names the endpoint when the JSON is truncated', () => {
    const error = caught(() =>
      readBody(answer('[{"username":'), ReltioUserListSchema)
    )
    expect(error.message).toBe(
      'Reltio answered GET /oauth/users with malformed JSON (Unexpected end of JSON input)'
    )
    expect(error.endpoint).toBe('GET /oauth/users')
  })

  it('leaves the body text out of a JSON syntax error', () => {
    const error = caught(() =>
      readBody(answer('s3cret-token is here'), ReltioUserListSchema)
    )
    expect(error.message).toMatch(
      /^Reltio answered GET \/oauth\/users with malformed JSON \(Unexpected token/
    )
    expect(error.message).not.toContain('s3cret')
  })

  it('leaves out an excerpt from the middle of the body too', () => {
    const text = `{"errorMessage": <html>${'x'.repeat(40)} s3cret</html>`
    const error = caught(() => readBody(answer(text), ReltioUserListSchema))
    expect(error.message).toBe(
      "Reltio answered GET /oauth/users with malformed JSON (Unexpected token '<')"
    )
  })

  it('names the field that fails the schema', () => {
    const body = JSON.stringify([{ username: 'a' }, { email: 'b@x' }])
    const error = caught(() => readBody(answer(body), ReltioUserListSchema))
    expect(error.message).toContain('GET /oauth/users')
    expect(error.message).toContain('field [1].username')
  })

  it('says when the top level has the wrong shape', () => {
    const error = caught(() =>
      readBody(answer('{"users":[]}'), ReltioUserListSchema)
    )
    expect(error.message).toContain('field the top level')
  })

  it('returns the parsed object itself with keepOriginal', () => {
    const body = '[{"username":"a","extra":{"deep":[1]}}]'
    const users = readBody(answer(body), ReltioUserListSchema, {
      keepOriginal: true
    })
    expect(users).toStrictEqual(JSON.parse(body))
  })
})

describe('AuditExportSchema', () => {
  it('reads events under any known key names', () => {
    const events = AuditExportSchema.parse([
      { username: 'a', timestamp: 1712000000000, event: 'LOGIN' },
      { user: 'b', time: '2024-04-01T00:00:00Z', eventType: 'LOGIN_SSO' },
      { userName: 'c', eventTime: 1712000000, type: 'LOGIN' },
      { login: 'd', date: '1712000000000' }
    ])
    expect(events).toEqual([
      { username: 'a', timestamp: 1712000000000, event: 'LOGIN' },
      { username: 'b', timestamp: 1711929600000, event: 'LOGIN_SSO' },
      { username: 'c', timestamp: 1712000000000, event: 'LOGIN' },
      { username: 'd', timestamp: 1712000000000, event: 'LOGIN' }
    ])
  })

  it('accepts the events wrapped in an object', () => {
    const events = AuditExportSchema.parse({
      events: [{ username: 'a', timestamp: 1712000000000, event: 'LOGIN' }]
    })
    expect(events).toHaveLength(1)
  })

  it('rejects an event without a readable time, naming the field', () => {
    const error = caught(() =>
      readBody(
        answer('[{"username":"a","timestamp":"yesterday"}]'),
        AuditExportSchema
      )
    )
    expect(error.message).toContain('field [0].timestamp')
  })
})

describe('errorDetail', () => {
  it.each([
    [
      '{"errorCode":404,"errorMessage":"User x is not found"}',
      'User x is not found'
    ],
    ['{"error":"invalid_grant","error_description":"Bad  creds"}', 'Bad creds'],
    ['{"error":"unauthorized"}', 'unauthorized'],
    ['<html>Bad gateway</html>', ''],
    ['[]', '']
  ])('reads %s as %j', (text, expected) => {
    expect(errorDetail(answer(text, 400), hideSecret)).toBe(expected)
  })

  it('redacts secrets Reltio echoes back', () => {
    const text = '{"errorMessage":"Token s3cret is bad"}'
    expect(errorDetail(answer(text, 400), hideSecret)).toBe('Token *** is bad')
  })
})

describe('statusError', () => {
  const context = { identity: 'svc-client', write: true, redact: hideSecret }

  it('names the missing admin roles on a refused write', () => {
    const error = statusError(answer('{"errorCode":403}', 403), context)
    expect(error.status).toBe(403)
    expect(error.message).toContain('svc-client')
    expect(error.message).toContain('ROLE_ADMIN_CUSTOMER or ROLE_ADMIN_USER')
  })

  it('leaves the body of a 401 out, since it quotes the token', () => {
    const text =
      '{"error":"invalid_token","error_description":"Token is invalid: tok-9"}'
    const error = statusError(answer(text, 401), context)
    expect(error.message).toContain('401 invalid_token')
    expect(error.message).not.toContain('tok-9')
  })

  it('suggests lowering concurrency when Reltio stays busy', () => {
    const error = statusError(answer('', 503), context)
    expect(error.retryable).toBe(true)
    expect(error.message).toContain('concurrency input')
  })
})
