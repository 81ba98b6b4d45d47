/**
 * Small fetch helpers the simulator tests share: get a token, call a route.
 */
import type { ReltioSimulator } from '../../sim/reltio/server.ts'

/** A Basic header for a client id and secret. */
export function basic(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
}

/** A client-credentials access token of the admin client (or another). */
export async function tokenFor(
  sim: ReltioSimulator,
  client = sim.adminClient
): Promise<string> {
  const response = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: basic(client.clientId, client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: 'grant_type=client_credentials'
  })
  if (response.status !== 200) {
    throw new Error(`token request answered ${response.status}`)
  }
  const body = (await response.json()) as { access_token: string }
  return body.access_token
}

/** Calls a route with a bearer token; `json` becomes a JSON body. */
export function call(
  url: string,
  token: string,
  init: { method?: string; json?: unknown } = {}
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  return fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json)
  })
}

/** A token endpoint success body. */
export interface TokenBody {
  access_token: string
  token_type: string
  expires_in: number
  scope: string
  refresh_token?: string
}

/** Any of the simulator's error bodies. */
export interface ErrorBody {
  error?: string
  error_description?: string
  errorCode?: number
  errorMessage?: string
  severity?: string
}

/** The response body as JSON of an expected type. */
export async function readJson<T = ErrorBody>(response: Response): Promise<T> {
  return (await response.json()) as T
}
