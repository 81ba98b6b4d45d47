/**
 * The floor of a report run: fetches a token and the user list from the
 * simulator and parses it, nothing else. Run by runAction like the action,
 * so it gets the same inputs.
 */
import { fetchUsers } from './fetch-users.mjs'

const users = await fetchUsers()
process.stdout.write(`users=${users.length}\n`)
