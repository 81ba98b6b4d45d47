/**
 * What both report baselines do first, and the least any program must do to
 * see a customer's users: ask the simulator for a token and the user list
 * with undici, and parse the list. Reads the inputs the runner passes every
 * child (INPUT_AUTH-URL, INPUT_CLIENT-ID, INPUT_CLIENT-SECRET).
 */
import { request } from 'undici'

/** The parsed user list of the simulator the inputs point at. */
export async function fetchUsers() {
  const base = process.env['INPUT_AUTH-URL']
  const clientId = process.env['INPUT_CLIENT-ID']
  const secret = process.env['INPUT_CLIENT-SECRET']
  const basic = Buffer.from(`${clientId}:${secret}`).toString('base64')

  const tokenResponse = await request(`${base}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: 'grant_type=client_credentials'
  })
  const { access_token: token } = await tokenResponse.body.json()

  const listResponse = await request(`${base}/oauth/users`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' }
  })
  if (listResponse.statusCode !== 200) {
    throw new Error(`GET /oauth/users answered ${listResponse.statusCode}`)
  }
  return JSON.parse(await listResponse.body.text())
}
