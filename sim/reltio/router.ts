/**
 * Maps a method and path to a route. Auth routes live at the root, as on
 * auth.reltio.com; tenant routes under /reltio/api/{tenantId}.
 */
import type { RouteFamily } from './faults.ts'
import { authError, tenantError, type Reply } from './http.ts'
import type { Handler } from './route-context.ts'
import { exportAudit } from './routes-audit.ts'
import { tokenRoute } from './routes-auth.ts'
import { searchActivities } from './routes-tenant.ts'
import {
  getPasswordPolicy,
  getUser,
  listUsers,
  putPasswordPolicy,
  putUser
} from './routes-users.ts'

/** A matched route with its decoded path parameters. */
export interface MatchedRoute {
  family: RouteFamily
  handler: Handler
  params: string[]
}

interface RouteEntry {
  pattern: RegExp
  family: RouteFamily
  methods: Record<string, Handler>
}

const ROUTES: RouteEntry[] = [
  {
    pattern: /^\/oauth\/token$/,
    family: 'token',
    methods: { POST: tokenRoute }
  },
  { pattern: /^\/oauth\/users$/, family: 'auth', methods: { GET: listUsers } },
  {
    pattern: /^\/oauth\/users\/([^/]+)$/,
    family: 'auth',
    methods: { GET: getUser, PUT: putUser }
  },
  {
    pattern: /^\/oauth\/customers\/([^/]+)\/passwordPolicy$/,
    family: 'auth',
    methods: { GET: getPasswordPolicy, PUT: putPasswordPolicy }
  },
  {
    pattern: /^\/audit\/export$/,
    family: 'auth',
    methods: { POST: exportAudit }
  },
  {
    pattern: /^\/reltio\/api\/([^/]+)\/activities$/,
    family: 'tenant',
    methods: { GET: searchActivities }
  }
]

/** The route for a request, or the error reply when there is none. */
export function matchRoute(
  method: string,
  path: string,
  tenantId: string
): MatchedRoute | Reply {
  for (const entry of ROUTES) {
    const match = entry.pattern.exec(path)
    if (!match) continue
    const handler = entry.methods[method]
    if (!handler)
      return authError(405, `Request method '${method}' is not supported`)
    const params = decodeParams(match.slice(1))
    if (!params) return authError(400, `Cannot decode the path ${path}`)
    if (entry.family !== 'tenant')
      return { family: entry.family, handler, params }
    const [tenant, ...rest] = params
    if (tenant !== tenantId) {
      return tenantError(404, 404, `Tenant ${tenant} is not found`, path)
    }
    return { family: 'tenant', handler, params: rest }
  }
  return authError(404, `No route for ${method} ${path}`)
}

function decodeParams(raw: string[]): string[] | null {
  try {
    return raw.map((part) => decodeURIComponent(part))
  } catch {
    return null
  }
}
