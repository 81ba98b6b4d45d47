import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { findActionProblems } from './workflow-checks.ts'

const ACTION_YML = readFileSync(
  new URL('../../action.yml', import.meta.url),
  'utf8'
)

interface ActionFile {
  runs: { using: string; main: string }
  inputs: Record<string, { description?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
}

const action = parse(ACTION_YML) as ActionFile

describe('action.yml', () => {
  it("parses without error under GitHub's action parser", () => {
    expect(findActionProblems(ACTION_YML)).toEqual([])
  })

  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('describes every input and output', () => {
    const undescribed = [
      ...Object.entries(action.inputs),
      ...Object.entries(action.outputs)
    ]
      .filter(([, entry]) => !entry.description?.trim())
      .map(([name]) => name)
    expect(undescribed).toEqual([])
  })

  // Scheduled runs have no inputs context, so a workflow may pass nothing:
  // every optional input needs its default here, not in the workflow.
  it('gives every optional input a default', () => {
    const withoutDefault = Object.entries(action.inputs)
      .filter(([, input]) => input.required !== true && !('default' in input))
      .map(([name]) => name)
    expect(withoutDefault).toEqual([])
  })
})

describe('findActionProblems', () => {
  it('rejects a runtime the runner does not know, such as node22', () => {
    const wrong = ACTION_YML.replace('using: node24', 'using: node22')
    expect(wrong).not.toBe(ACTION_YML)
    expect(findActionProblems(wrong)).toEqual([
      expect.stringContaining("Unexpected value 'node22'")
    ])
  })

  it('rejects a key the action schema does not have', () => {
    const wrong = ACTION_YML.replace(/^runs:/m, 'run:')
    expect(findActionProblems(wrong).join('\n')).toContain("'run'")
  })
})
