/**
 * Everything the simulator knows, built once from the options: users,
 * credentials, tokens, policies, log entries, switches and the request log.
 */
import { ActorIndex } from './actor-index.ts'
import { defaultClients } from './identities.ts'
import { generateCustomer } from './seed.ts'
import { applySwitches, defaultSwitches } from './switches.ts'
import { TokenStore, type TokenSubject } from './tokens.ts'
import type {
  ActivityRecord,
  AuditEvent,
  ClientConfig,
  RecordedRequest,
  SimulatorOptions,
  SimulatorSwitches
} from './types.ts'
import { UserStore } from './user-store.ts'

/** Reltio's policy defaults are not published; these are plausible ones. */
export const DEFAULT_PASSWORD_POLICY = {
  inactivePeriodInDays: 120,
  expirePeriodInDays: 180,
  numberOfFailedLoginAttempts: 5,
  passwordRules: [
    { type: '.LengthPRule', min: 8, max: 64 },
    { type: '.HistoryPRule', lastPasswordVerifyCount: 5 }
  ]
}

/** The simulator's state, shared by every route. */
export interface SimState {
  customerId: string
  tenantId: string
  users: UserStore
  passwords: Map<string, string>
  clients: Map<string, ClientConfig>
  tokens: TokenStore
  policies: Map<string, Record<string, unknown>>
  activities: ActivityRecord[]
  auditEvents: AuditEvent[]
  activityIndex: ActorIndex<ActivityRecord>
  auditIndex: ActorIndex<AuditEvent>
  switches: SimulatorSwitches
  requests: RecordedRequest[]
  exportsRunning: number
  /** The data clock: fixed by the `now` option, else the real time. */
  dataNow(): number
}

/** The identity behind a valid bearer token. */
export interface Caller {
  name: string
  customer: string
  roles: string[]
}

/** Builds the state from the options; generates a customer if needed. */
export function createState(opts: SimulatorOptions): SimState {
  const customerId = opts.customerId ?? 'AcmeCorp'
  const tenantId = opts.tenantId ?? 'acmeTenant'
  const now = opts.now ?? opts.seed?.now
  const data = customerData(opts, { customerId, tenantId, now })
  const switches = defaultSwitches()
  applySwitches(switches, opts.switches ?? {})
  const clients = [...defaultClients(), ...(opts.clients ?? [])]
  const policy = { ...DEFAULT_PASSWORD_POLICY, ...opts.passwordPolicy }
  const state: SimState = {
    customerId,
    tenantId,
    ...data,
    clients: new Map(clients.map((client) => [client.clientId, client])),
    tokens: new TokenStore(),
    policies: new Map([[customerId, policy]]),
    activityIndex: new ActorIndex(
      () => state.activities,
      (a) => a.user
    ),
    auditIndex: new ActorIndex(
      () => state.auditEvents,
      (e) => e.username
    ),
    switches,
    requests: [],
    exportsRunning: 0,
    dataNow: () => (now === undefined ? Date.now() : new Date(now).getTime())
  }
  return state
}

// Explicit options win; a customer is generated only without `users`.
function customerData(
  opts: SimulatorOptions,
  customer: { customerId: string; tenantId: string; now?: Date | number }
) {
  const generated = opts.users
    ? null
    : generateCustomer({ ...opts.seed, ...customer })
  const users = new UserStore()
  for (const user of opts.users ?? generated?.users ?? []) users.put(user)
  const passwords = { ...generated?.passwords, ...opts.passwords }
  return {
    users,
    passwords: new Map(Object.entries(passwords)),
    activities: opts.activities ?? generated?.activities ?? [],
    auditEvents: opts.auditEvents ?? generated?.auditEvents ?? []
  }
}

/** Who a token speaks for, with roles read at request time. */
export function resolveCaller(state: SimState, subject: TokenSubject): Caller {
  if (subject.username === null) {
    const client = state.clients.get(subject.clientId)
    const roles = client?.roles ?? []
    return { name: subject.clientId, customer: subject.customer, roles }
  }
  const user = state.users.peek(subject.username)
  return {
    name: subject.username,
    customer: subject.customer,
    roles: user ? roleNames(user) : []
  }
}

/** The role names a user holds (keys of `userPermissions.roles`). */
export function roleNames(user: Record<string, unknown>): string[] {
  const permissions = user.userPermissions as { roles?: unknown } | undefined
  const roles = permissions?.roles
  return roles && typeof roles === 'object' ? Object.keys(roles) : []
}

/** True when the caller may change users and the password policy. */
export function isUserAdmin(caller: Caller): boolean {
  return caller.roles.some(
    (role) => role === 'ROLE_ADMIN_CUSTOMER' || role === 'ROLE_ADMIN_USER'
  )
}
