/**
 * Wiring for integration tests: the project's Reltio simulator on
 * loopback and client options that talk to it with zero backoff.
 */
import { createServer } from 'node:net'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import type { ReltioClientOptions } from '../../src/reltio/client.ts'

/** The simulator with a small deterministic customer. */
export function startSim(): Promise<ReltioSimulator> {
  return startReltioSimulator({
    seed: { count: 40, seed: 11, now: new Date('2026-06-01T00:00:00Z') }
  })
}

/** What a test reads back from the client's surroundings. */
export interface Recorder {
  sleeps: number[]
  tokens: string[]
}

/** Admin client-credential options for `sim`, recording sleeps and tokens. */
export function simOptions(
  sim: ReltioSimulator,
  recorder: Recorder,
  overrides: Partial<ReltioClientOptions> = {}
): ReltioClientOptions {
  return {
    authUrl: sim.url,
    tenantUrl: sim.tenantUrl,
    clientId: sim.adminClient.clientId,
    clientSecret: sim.adminClient.clientSecret,
    username: null,
    password: null,
    concurrency: 4,
    retryDelayMs: () => 0,
    sleep: (ms) => {
      recorder.sleeps.push(ms)
      return Promise.resolve()
    },
    onToken: (token) => recorder.tokens.push(token),
    ...overrides
  }
}

/** An empty recorder. */
export function recorder(): Recorder {
  return { sleeps: [], tokens: [] }
}

/** A loopback URL on which nothing listens (the port was just freed). */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** The simulator's recorded requests to one method and path. */
export function requestsTo(
  sim: ReltioSimulator,
  method: string,
  path: string
): ReltioSimulator['requests'] {
  return sim.requests.filter((r) => r.method === method && r.path === path)
}
