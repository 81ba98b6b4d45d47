/**
 * The floor of a report run: the least any program must do to see the same
 * users. Fetches a token and the user list from the simulator with undici
 * and parses it, nothing else. Run by runAction like the action, so it gets
 * the same inputs (INPUT_AUTH-URL, INPUT_CLIENT-ID, INPUT_CLIENT-SECRET).
 */
import { request } from 'undici'

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
const users = JSON.parse(await listResponse.body.text())
process.stdout.write(`users=${users.length}\n`)
