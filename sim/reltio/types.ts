/**
 * Types of the Reltio simulator: its switches, options and public handle.
 * server.ts re-exports them; the other sim files import from here.
 */

/** Probabilities (0..1) of each random fault, rolled once per request. */
export interface FaultRates {
  status429: number
  status503: number
  reset: number
  malformed: number
  truncated: number
  slow: number
}

/** Behaviour knobs a test turns at run time with `setSwitches`. */
export interface SimulatorSwitches {
  /** Added before every response. */
  latencyMs: number
  /** Token bucket (burst = rate) over all non-token routes; over it: 429. */
  rateLimitPerSecond: number | null
  /** `/oauth/token` limit; Reltio documents 10 per second. */
  tokenRateLimitPerSecond: number | null
  /** More concurrent requests than this: 503 backpressure. */
  maxInFlight: number | null
  /** Sends `Retry-After` on 429 when set; Reltio documents none. */
  retryAfterSeconds: number | null
  faults: FaultRates
  /** Delay of a 'slow' fault. */
  slowMs: number
  tokenLifetimeSeconds: number
  /** The actor key of activity records; Reltio's docs show both. */
  activityActorKey: 'user' | 'userId'
  /** Synchronous audit exports allowed at once; more answer 429. */
  auditExportMaxConcurrent: number
  /** How long one audit export takes, to make the limit reachable. */
  auditExportDelayMs: number
}

/** A partial switch update; `faults` may name only the rates it changes. */
export type SwitchPatch = Partial<Omit<SimulatorSwitches, 'faults'>> & {
  faults?: Partial<FaultRates>
}

/** A one-off fault for the next request(s) that match. */
export interface ScriptedFault {
  method?: string
  /** A string matches the exact path; a RegExp is tested against it. */
  path?: string | RegExp
  status?: number
  body?: string
  reset?: boolean
  delayMs?: number
  /** How many matching requests it hits; default 1. */
  times?: number
  /** Run the route first (state changes), then replace its response. */
  afterHandler?: boolean
}

/** One request as the simulator saw it. */
export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** The status sent; 0 while pending or when the connection was reset. */
  status: number
  /** Parsed JSON or form fields when the body is one, else the raw text. */
  body: unknown
  /** Arrival time, epoch ms. */
  at: number
  /** The username or client id behind the bearer token, when valid. */
  identity: string | null
}

/** An OAuth client the simulator knows; it acts as a user named clientId. */
export interface ClientConfig {
  clientId: string
  clientSecret: string
  roles: string[]
  /** Defaults to the simulator's customer. */
  customer?: string
}

/** A user record as stored and served: any JSON object. */
export type SimUser = Record<string, unknown>

/** One activity-log record as seeded; `user` becomes `userId` on a switch. */
export interface ActivityRecord {
  uri: string
  user: string
  label: string
  description: string
  timestamp: number
  items: Array<Record<string, unknown>>
}

/**
 * One security-audit event. Reltio publishes no column list, so this shape
 * is inferred: epoch-ms `timestamp`, `username`, and an `eventType` that
 * uses the request's event names (`LOGIN`, `LOGIN_SSO`).
 */
export interface AuditEvent {
  timestamp: number
  username: string
  customerId: string
  eventType: string
  ip: string
  userAgent: string
}

/** What `startReltioSimulator` accepts; every field has a default. */
export interface SimulatorOptions {
  /** Default 0: the OS picks a free port. */
  port?: number
  customerId?: string
  tenantId?: string
  /** An explicit user list; when set, no customer is generated. */
  users?: SimUser[]
  /** Options of the generated customer (default 200 users, seed 1). */
  seed?: { count?: number; seed?: number; now?: Date | number }
  /** Fixes the data clock: the seed and the activity log's default window. */
  now?: Date | number
  passwordPolicy?: Record<string, unknown>
  activities?: ActivityRecord[]
  auditEvents?: AuditEvent[]
  /** Passwords for the password grant, by username. */
  passwords?: Record<string, string>
  switches?: SwitchPatch
  /** Clients besides the default admin and read-only ones. */
  clients?: ClientConfig[]
  /** Seed of the random-fault RNG. */
  faultSeed?: number
}

/** The running simulator: URLs, live state and the switches. */
export interface ReltioSimulator {
  /** http://127.0.0.1:PORT, used as auth-url. */
  url: string
  /** `${url}/reltio/api/${tenantId}`, used as tenant-url. */
  tenantUrl: string
  customerId: string
  tenantId: string
  /** The ROLE_ADMIN_CUSTOMER client. */
  adminClient: { clientId: string; clientSecret: string }
  /** The ROLE_USER client: reads work, writes answer 403. */
  readonlyClient: { clientId: string; clientSecret: string }
  /** A seeded ROLE_ADMIN_CUSTOMER user for the password grant, if any. */
  adminUser: { username: string; password: string } | null
  /** Live state keyed by username. */
  users: Map<string, SimUser>
  activities: ActivityRecord[]
  auditEvents: AuditEvent[]
  requests: RecordedRequest[]
  passwordPolicy: Record<string, unknown>
  readonly switches: SimulatorSwitches
  /** Requests admitted and not yet answered. */
  readonly inFlight: number
  /** Audit exports being produced right now. */
  readonly exportsRunning: number
  setSwitches(patch: SwitchPatch): void
  scriptFault(fault: ScriptedFault): void
  /** Every issued access token now answers 401 invalid_token. */
  expireTokens(): void
  close(): Promise<void>
}
