import { describe, expect, it } from 'vitest'
import subset from '../../sim/github/openapi-subset.json' with { type: 'json' }
import { createBlobStore } from '../../sim/github/blob-store.ts'
import {
  checkRequest,
  checkResponse,
  findOperation
} from '../../sim/github/openapi-check.ts'
import { restRoutes } from '../../sim/github/dispatch.ts'
import { checkSchema, type Schema } from '../../sim/github/schema-check.ts'
import { cutSubset } from '../../scripts/openapi-subset.ts'

const root = {
  components: {
    schemas: {
      user: {
        type: 'object',
        required: ['login'],
        properties: { login: { type: 'string' } },
        nullable: true
      }
    }
  }
}

function check(value: unknown, schema: Schema, strict = false): string[] {
  return checkSchema(value, schema, { root, rejectUnknownProperties: strict })
}

describe('checkSchema', () => {
  it.each([
    ['a string for an integer', 'x', { type: 'integer' }, /expected integer/],
    ['a fraction for an integer', 1.5, { type: 'integer' }, /expected integer/],
    [
      'a value outside the enum',
      'done',
      { type: 'string', enum: ['open'] },
      /not one of/
    ],
    [
      'null where not nullable',
      null,
      { type: 'string' },
      /null is not allowed/
    ],
    [
      'a bad date-time',
      '2026-13',
      { type: 'string', format: 'date-time' },
      /date-time/
    ],
    ['too few items', [], { type: 'array', minItems: 1 }, /fewer than 1/]
  ])('rejects %s', (_case, value, schema, problem) => {
    expect(check(value, schema as Schema)).toEqual([
      expect.stringMatching(problem)
    ])
  })

  it('follows $refs and honours nullable on the target', () => {
    const schema = { $ref: '#/components/schemas/user' }

    expect(check(null, schema)).toEqual([])
    expect(check({}, schema)).toEqual(['$: missing required login'])
    expect(check({ login: 7 }, schema)).toEqual([
      expect.stringMatching(/^\$\.login: expected string/)
    ])
  })

  it('needs exactly one oneOf branch and at least one anyOf branch', () => {
    const number = { type: 'number' }
    const integer = { type: 'integer' }

    expect(check(2, { oneOf: [number, integer] })).toEqual([
      expect.stringMatching(/matches 2 of 2/)
    ])
    expect(check(2.5, { oneOf: [number, integer] })).toEqual([])
    expect(check('x', { anyOf: [number, integer] })).toEqual([
      expect.stringMatching(/none of the anyOf/)
    ])
  })

  it('reports unknown properties only when asked to', () => {
    const schema = { type: 'object', properties: { body: { type: 'string' } } }

    expect(check({ bdy: 'x' }, schema)).toEqual([])
    expect(check({ bdy: 'x' }, schema, true)).toEqual([
      '$: unknown property bdy'
    ])
  })
})

describe('openapi-check', () => {
  it('prefers the template with more literal segments', () => {
    const comment = findOperation('PATCH', '/repos/o/r/issues/comments/42')
    const issue = findOperation('PATCH', '/repos/o/r/issues/42')

    expect(comment?.operationId).toBe('issues/update-comment')
    expect(comment?.params).toEqual({ owner: 'o', repo: 'r', comment_id: '42' })
    expect(issue?.operationId).toBe('issues/update')
  })

  it('decodes path parameters and knows no undocumented routes', () => {
    expect(
      findOperation('GET', '/repos/o/r/labels/needs%20review')?.params.name
    ).toBe('needs review')
    expect(findOperation('DELETE', '/repos/o/r/issues/1')).toBeNull()
  })

  it('flags unknown and mistyped query parameters', () => {
    const list = findOperation('GET', '/repos/o/r/issues')
    if (!list) throw new Error('no operation')

    const problems = checkRequest(
      list,
      new URLSearchParams('state=opened&per_page=ten&label=x'),
      undefined
    )

    expect(problems).toEqual([
      expect.stringMatching(/query parameter state: "opened" is not one of/),
      expect.stringMatching(/query parameter per_page: expected integer/),
      expect.stringMatching(/unknown query parameter label$/)
    ])
  })

  it('flags a missing required body and undocumented success statuses', () => {
    const create = findOperation('POST', '/repos/o/r/issues')
    if (!create) throw new Error('no operation')

    expect(checkRequest(create, new URLSearchParams(), undefined)).toEqual([
      expect.stringMatching(/body is missing/)
    ])
    expect(checkResponse(create, 200, {})).toEqual([
      expect.stringMatching(/status 200 is not documented/)
    ])
  })

  it('checks response bodies against the documented schema', () => {
    const get = findOperation('GET', '/repos/o/r/labels/bug')
    if (!get) throw new Error('no operation')

    const problems = checkResponse(get, 200, { id: 1, name: 'bug' })

    expect(problems).toContainEqual(
      expect.stringMatching(/missing required node_id/)
    )
    expect(checkResponse(get, 404, { message: 'Not Found' })).toEqual([])
  })

  it('serves exactly the operations of the committed description', () => {
    const served = Object.keys(
      restRoutes(createBlobStore(() => 'http://127.0.0.1'))
    ).sort()
    const described = Object.entries(subset.paths as Record<string, object>)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)
      )
      .sort()

    expect(served).toEqual(described)
  })
})

describe('scripts/openapi-subset', () => {
  it('cuts the committed subset back to itself: every $ref resolves, none unused', () => {
    const cut = cutSubset(subset as unknown as Record<string, unknown>)

    expect(cut.paths).toEqual(subset.paths)
    expect(cut.components).toEqual(subset.components)
  })
})
