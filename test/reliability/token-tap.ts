/**
 * A loopback relay in front of the Reltio simulator that notes every token
 * `/oauth/token` hands out, so a test knows the exact secrets the action
 * held without asking the action itself.
 */
import {
  createServer,
  request,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** The relay: its URL (use it as auth-url) and the tokens seen so far. */
export interface TokenTap {
  url: string
  tokens: Set<string>
  close(): Promise<void>
}

/** Starts a relay to `target` (http://127.0.0.1:PORT) on a free port. */
export async function startTokenTap(target: string): Promise<TokenTap> {
  const tokens = new Set<string>()
  const server = createServer((req, res) => {
    void relay(new URL(target), req, res, tokens)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

async function relay(
  target: URL,
  req: IncomingMessage,
  res: ServerResponse,
  tokens: Set<string>
): Promise<void> {
  const body = await readAll(req)
  const upstream = request({
    host: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: { ...req.headers, host: target.host }
  })
  upstream.on('response', (answer) => {
    void readAll(answer).then((bytes) => {
      if (req.url?.startsWith('/oauth/token')) noteTokens(bytes, tokens)
      res.writeHead(answer.statusCode ?? 502, answer.headers).end(bytes)
    })
  })
  // A reset on the simulator's side becomes a reset here.
  upstream.on('error', () => res.destroy())
  upstream.end(body)
}

function noteTokens(bytes: Buffer, tokens: Set<string>): void {
  try {
    const answer = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    for (const key of ['access_token', 'refresh_token']) {
      const value = answer[key]
      if (typeof value === 'string' && value !== '') tokens.add(value)
    }
  } catch {
    // An error answer carries no token.
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}
