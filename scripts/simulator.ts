/**
 * `npm run simulator`: starts the Reltio simulator with a generated
 * customer and keeps it up until Ctrl-C, for trying the action by hand.
 * PORT (default 8080), USERS (default 500), SEED (default 1) and NOW (an
 * ISO time the seed counts back from) configure it.
 */
import { startReltioSimulator } from '../sim/reltio/server.ts'

const port = Number(process.env.PORT ?? 8080)
const count = Number(process.env.USERS ?? 500)
const seed = Number(process.env.SEED ?? 1)
const now = process.env.NOW ? new Date(process.env.NOW) : new Date()

const sim = await startReltioSimulator({ port, seed: { count, seed, now } })

const lines = [
  `Reltio simulator: ${sim.users.size} users of customer ${sim.customerId}`,
  `  auth-url:      ${sim.url}`,
  `  tenant-url:    ${sim.tenantUrl}`,
  `  customer-id:   ${sim.customerId}`,
  `  client-id:     ${sim.adminClient.clientId}`,
  `  client-secret: ${sim.adminClient.clientSecret}`,
  `  read-only:     ${sim.readonlyClient.clientId} / ${sim.readonlyClient.clientSecret}`
]
if (sim.adminUser) {
  lines.push(
    `  password user: ${sim.adminUser.username} / ${sim.adminUser.password}`
  )
}
lines.push('Press Ctrl-C to stop.')
console.log(lines.join('\n'))

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0))
  })
}
