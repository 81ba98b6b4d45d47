import { describe, expect, it } from 'vitest'
import { escapeCell, escapeInline, escapeUrl } from '../../src/report/escape.ts'
import { MAX_CELL_CHARS, truncateText } from '../../src/report/truncate.ts'

describe('escapeInline', () => {
  it.each([
    ['<script>alert(1)</script>', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['a|b', 'a&#124;b'],
    ['`code`', '&#96;code&#96;'],
    ['line\nbreak\r\nand\rmore', 'line break and more'],
    [
      '**bold** _it_ ~x~',
      '&#42;&#42;bold&#42;&#42; &#95;it&#95; &#126;x&#126;'
    ],
    ['[link](https://evil.example)', '&#91;link&#93;(https://evil.example)'],
    ['@octocat #1', '&#64;octocat &#35;1'],
    ['&lt; "q" \'s\' \\', '&#38;lt; &#34;q&#34; &#39;s&#39; &#92;'],
    ['bell\u0007 nul\u0000', 'bell  nul '],
    ['adm\u202eimn', 'adm\ufffdimn'],
    ['jdoe@acme.com', 'jdoe&#64;acme.com'],
    ['José Ñoño 名前', 'José Ñoño 名前']
  ])('escapes %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected)
  })

  it('leaves no character that opens markup or a new cell', () => {
    const hostile = '<>&|`*_[]~@#\\"\'\n\r'.repeat(3)
    expect(escapeInline(hostile)).not.toMatch(/[<>|`*_[\]~@\\"'\n\r]/)
  })
})

describe('escapeCell', () => {
  it('shows a dash for a missing value', () => {
    expect(escapeCell(null)).toBe('—')
    expect(escapeCell('')).toBe('—')
  })

  it('truncates before escaping, so no entity is cut in half', () => {
    const cell = escapeCell('|'.repeat(500))
    expect(cell).toBe(`${'&#124;'.repeat(MAX_CELL_CHARS - 1)}…`)
  })
})

describe('truncateText', () => {
  it('keeps short text as it is', () => {
    expect(truncateText('short', 10)).toBe('short')
  })

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(10)
    expect(truncateText(text, 5)).toBe('😀😀😀😀…')
    expect(truncateText(text, 10)).toBe(text)
  })
})

describe('escapeUrl', () => {
  it('keeps an ordinary GitHub URL', () => {
    const url = 'https://github.com/acme/ops/actions/runs/1234'
    expect(escapeUrl(url)).toBe(url)
  })

  it('encodes what would end the link or the cell', () => {
    expect(escapeUrl('https://x.example/a b)c|d<e>')).toBe(
      'https://x.example/a%20b%29c%7Cd%3Ce%3E'
    )
  })

  it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://x', ''])(
    'refuses %j',
    (url) => {
      expect(escapeUrl(url)).toBeNull()
    }
  )
})
