/**
 * Wiring for integration tests: the project's Reltio simulator on
 * loopback and a real client that talks to it without real backoff.
 */
import { createServer } from 'node:net'
import { afterEach, beforeEach } from 'vitest'
import {
  startReltioSimulator,
  type ReltioSimulator
} from '../../sim/reltio/server.ts'
import {
  createReltioClient,
  type ReltioClient,
  type ReltioClientOptions
} from '../../src/reltio/client.ts'

/** The simulator with a small deterministic customer. */
export function startSim(): Promise<ReltioSimulator> {
  return startReltioSimulator({
    seed: { count: 40, seed: 11, now: new Date('2026-06-01T00:00:00Z') }
  })
}

/** Client options for `sim` as its admin identity, backing off 1 ms. */
export function clientOptions(
  sim: ReltioSimulator,
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
    retryDelayMs: () => 1,
    ...overrides
  }
}

/** A simulator and a real client of it; closing it closes both. */
export interface SimWorld {
  sim: ReltioSimulator
  client: ReltioClient
  close(): Promise<void>
}

/** Connects a real client to `sim` (see clientOptions) as a SimWorld. */
export async function connectWorld(
  sim: ReltioSimulator,
  overrides: Partial<ReltioClientOptions> = {}
): Promise<SimWorld> {
  const client = await createReltioClient(clientOptions(sim, overrides))
  return {
    sim,
    client,
    close: async () => {
      await client.close()
      await sim.close()
    }
  }
}

/**
 * Wraps a start function so that whatever it opened is closed after each
 * test, even when the test failed before it could close it.
 */
export function closedAfterEach<Args extends unknown[], T extends SimWorld>(
  start: (...args: Args) => Promise<T>
): (...args: Args) => Promise<T> {
  const open: T[] = []
  afterEach(async () => {
    for (const world of open.splice(0)) await world.close()
  })
  return async (...args) => {
    const world = await start(...args)
    open.push(world)
    return world
  }
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
  return clientOptions(sim, {
    retryDelayMs: () => 0,
    sleep: (ms) => {
      recorder.sleeps.push(ms)
      return Promise.resolve()
    },
    onToken: (token) => recorder.tokens.push(token),
    ...overrides
  })
}

/** An empty recorder. */
export function recorder(): Recorder {
  return { sleeps: [], tokens: [] }
}

/** A fresh simulator and recorder for each test, and its clients. */
export interface SimPerTest {
  sim: ReltioSimulator
  seen: Recorder
  /** A client of this test's simulator (see simOptions), closed after it. */
  connect(overrides?: Partial<ReltioClientOptions>): Promise<ReltioClient>
}

/**
 * Registers hooks that start a seeded simulator before each test and close
 * it and every client connected to it afterwards.
 */
export function simPerTest(): SimPerTest {
  const clients: ReltioClient[] = []
  const current = {
    connect: async (overrides = {}) => {
      const client = await createReltioClient(
        simOptions(current.sim, current.seen, overrides)
      )
      clients.push(client)
      return client
    }
  } as SimPerTest
  beforeEach(async () => {
    current.sim = await startSim()
    current.seen = recorder()
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
    await current.sim.close()
  })
  return current
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
