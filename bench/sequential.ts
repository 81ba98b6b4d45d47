/**
 * The way a hand-made script deactivates users: for each one in turn,
 * GET it, PUT it back with `enabled` changed, GET it again to check. No
 * concurrency, no pacing; the yardstick the approval run is compared with.
 */
import { request } from 'undici'
import type { ReltioSimulator } from '../sim/reltio/server.ts'

/** Runs the loop over `usernames`, setting `enabled`; returns its time in ms. */
export async function sequentialReadModifyWrite(
  reltio: ReltioSimulator,
  usernames: readonly string[],
  enabled: boolean
): Promise<number> {
  const token = await fetchToken(reltio)
  const started = performance.now()
  for (const username of usernames) {
    const path = `/oauth/users/${encodeURIComponent(username)}`
    const user = (await call(reltio, token, 'GET', path)) as Record<
      string,
      unknown
    >
    await call(reltio, token, 'PUT', path, { ...user, enabled })
    const after = (await call(reltio, token, 'GET', path)) as Record<
      string,
      unknown
    >
    if (after.enabled !== enabled) {
      throw new Error(`The loop's PUT did not change ${username}`)
    }
  }
  return performance.now() - started
}

async function fetchToken(reltio: ReltioSimulator): Promise<string> {
  const { clientId, clientSecret } = reltio.adminClient
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64')
  const response = await request(`${reltio.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: 'grant_type=client_credentials'
  })
  const body = (await response.body.json()) as { access_token: string }
  return body.access_token
}

// A script this simple stops at the first error; the bench wants to know.
async function call(
  reltio: ReltioSimulator,
  token: string,
  method: 'GET' | 'PUT',
  path: string,
  json?: unknown
): Promise<unknown> {
  const response = await request(`${reltio.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(json === undefined ? {} : { 'content-type': 'application/json' })
    },
    body: json === undefined ? undefined : JSON.stringify(json)
  })
  const text = await response.body.text()
  if (response.statusCode !== 200) {
    throw new Error(
      `${method} ${path} answered ${response.statusCode}: ${text}`
    )
  }
  return JSON.parse(text)
}
