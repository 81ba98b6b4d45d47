import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RouteResponse } from './types.ts'

/** The whole request body as bytes. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The body parsed as JSON; undefined when empty, the raw text when not JSON. */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined
  const text = bytes.toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/** Writes a route's answer: JSON for objects, bytes as they are. */
export function sendResponse(res: ServerResponse, answer: RouteResponse): void {
  const headers: Record<string, string> = { ...answer.headers }
  let payload: Buffer | string | undefined
  if (Buffer.isBuffer(answer.body)) {
    payload = answer.body
  } else if (typeof answer.body === 'string') {
    payload = answer.body
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body)
    headers['content-type'] ??= 'application/json; charset=utf-8'
  }
  if (payload !== undefined) {
    headers['content-length'] = String(Buffer.byteLength(payload))
  }
  res.writeHead(answer.status, headers)
  res.end(payload)
}

/** GitHub's JSON error body. */
export function errorResponse(
  status: number,
  message: string,
  extra: Record<string, unknown> = {}
): RouteResponse {
  return {
    status,
    body: {
      message,
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
      ...extra
    }
  }
}

/** One page of `items` and the `Link` header GitHub sends with it. */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  pageUrl: string
): { items: T[]; link: string | null } {
  const perPage = clamp(Number(query.get('per_page') ?? 30) || 30, 1, 100)
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
  const lastPage = Math.max(1, Math.ceil(items.length / perPage))
  const slice = items.slice((page - 1) * perPage, page * perPage)
  const links: string[] = []
  const urlFor = (n: number): string => {
    const url = new URL(pageUrl)
    url.searchParams.set('per_page', String(perPage))
    url.searchParams.set('page', String(n))
    return url.toString()
  }
  if (page > 1) {
    links.push(
      `<${urlFor(page - 1)}>; rel="prev"`,
      `<${urlFor(1)}>; rel="first"`
    )
  }
  if (page < lastPage) {
    links.push(
      `<${urlFor(page + 1)}>; rel="next"`,
      `<${urlFor(lastPage)}>; rel="last"`
    )
  }
  return { items: slice, link: links.length > 0 ? links.join(', ') : null }
}

/** The `Link` header of a page, when there is more than one page. */
export function linkHeaders(link: string | null): Record<string, string> {
  return link ? { link } : {}
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
