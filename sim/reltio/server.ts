/**
 * The Reltio simulator: a real HTTP server on 127.0.0.1 that follows
 * /work/shared/reltio-api.md, seeded with a synthetic customer, with
 * switches for latency, rate limits, backpressure and faults.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ADMIN_CLIENT, adminUsername, READONLY_CLIENT } from './identities.ts'
import { Pipeline } from './pipeline.ts'
import { createState, type SimState } from './state.ts'
import { applySwitches } from './switches.ts'
import type { ReltioSimulator, SimulatorOptions } from './types.ts'

export type * from './types.ts'
export { generateCustomer, SEED_MIX } from './seed.ts'

/** Starts a simulator; it listens until `close()`. */
export async function startReltioSimulator(
  opts: SimulatorOptions = {}
): Promise<ReltioSimulator> {
  const state = createState(opts)
  const pipeline = new Pipeline(state, opts.faultSeed ?? 42)
  const server = createServer((req, res) => {
    pipeline.handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error))
    })
  })
  await listen(server, opts.port ?? 0)
  const { port } = server.address() as AddressInfo
  return simulatorHandle(state, pipeline, server, `http://127.0.0.1:${port}`)
}

/**
 * The action's inputs that point it at `sim` as the seeded admin client:
 * what every demo, test and benchmark run passes, before its own inputs.
 */
export function adminInputs(sim: ReltioSimulator): Record<string, string> {
  return {
    'client-id': sim.adminClient.clientId,
    'client-secret': sim.adminClient.clientSecret,
    'auth-url': sim.url,
    'customer-id': sim.customerId
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
}

function simulatorHandle(
  state: SimState,
  pipeline: Pipeline,
  server: Server,
  url: string
): ReltioSimulator {
  const admin = adminUsername(state.customerId)
  const adminPassword = state.passwords.get(admin)
  return {
    url,
    tenantUrl: `${url}/reltio/api/${state.tenantId}`,
    customerId: state.customerId,
    tenantId: state.tenantId,
    adminClient: { ...ADMIN_CLIENT },
    readonlyClient: { ...READONLY_CLIENT },
    adminUser:
      adminPassword === undefined
        ? null
        : { username: admin, password: adminPassword },
    users: state.users,
    get activities() {
      return state.activities
    },
    set activities(records) {
      state.activities = records
    },
    get auditEvents() {
      return state.auditEvents
    },
    set auditEvents(events) {
      state.auditEvents = events
    },
    requests: state.requests,
    get passwordPolicy() {
      return state.policies.get(state.customerId) ?? {}
    },
    get switches() {
      return state.switches
    },
    get inFlight() {
      return pipeline.inFlight
    },
    get exportsRunning() {
      return state.exportsRunning
    },
    setSwitches: (patch) => applySwitches(state.switches, patch),
    scriptFault: (fault) => pipeline.faults.add(fault),
    expireTokens: () => state.tokens.expireAll(),
    close: () => close(server, pipeline)
  }
}

function close(server: Server, pipeline: Pipeline): Promise<void> {
  pipeline.sleeper.cancelAll()
  // Closing twice is harmless: a test may close early, its afterEach again.
  if (!server.listening) return Promise.resolve()
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
