/**
 * A bounded soak of approval runs of dist/index.js under random faults, on
 * loopback only. Each round seeds a customer, runs a report, changes two
 * approved users behind the action's back (one logs in, one is deleted),
 * turns on random 429, 503, resets, malformed and truncated answers, and
 * approves — the first run often killed with SIGKILL part-way — until a
 * run ends green. Then it counts what matters: approved users left
 * undone, users written twice, written without approval, lost or damaged.
 *
 *   node scripts/reliability.ts [rounds] [users per customer]
 *
 * Exits 1 if any of those counts is not 0.
 */
import {
  createRandom,
  pick,
  randomInt,
  type Random
} from '../sim/reltio/prng.ts'
import { defaultSwitches } from '../sim/reltio/switches.ts'
import type { FaultRates } from '../sim/reltio/types.ts'
import { NOW, startWorld, type World } from '../test/e2e/world.ts'
import {
  afterOutcomes,
  appliedPuts,
  approve,
  candidateNames,
  damage,
  runReport,
  snapshot
} from '../test/reliability/helpers.ts'

const ROUNDS = Number(process.argv[2] ?? 8)
const USERS = Number(process.argv[3] ?? 80)
/** Runs allowed per round before the plan counts as left undone. */
const MAX_RUNS = 8

// The simulator's defaults have every fault off.
const NO_FAULTS = defaultSwitches().faults

// Each round takes one mix; all share the same seeded dice per round.
const FAULT_MIXES: Array<Partial<FaultRates>> = [
  { status429: 0.15, status503: 0.05 },
  { reset: 0.06, status503: 0.03 },
  { malformed: 0.03, truncated: 0.03, status429: 0.05 },
  {
    status429: 0.08,
    status503: 0.03,
    reset: 0.03,
    malformed: 0.02,
    truncated: 0.02
  }
]

interface Tally {
  rounds: number
  runs: number
  red: number
  killed: number
  users: number
  approved: number
  deactivated: number
  skippedByDrift: number
  faultedRequests: number
  undone: number
  writtenTwice: number
  writtenUnapproved: number
  lost: number
  damaged: number
}

const tally: Tally = {
  rounds: 0,
  runs: 0,
  red: 0,
  killed: 0,
  users: 0,
  approved: 0,
  deactivated: 0,
  skippedByDrift: 0,
  faultedRequests: 0,
  undone: 0,
  writtenTwice: 0,
  writtenUnapproved: 0,
  lost: 0,
  damaged: 0
}

for (let round = 1; round <= ROUNDS; round++) {
  const world = await startWorld({
    seed: { count: USERS, seed: round, now: new Date(NOW) },
    faultSeed: round
  })
  try {
    await soakRound(world, createRandom(round * 7919))
    tally.rounds += 1
    console.log(`round ${round}: ${JSON.stringify(tally)}`)
  } finally {
    await world.close()
  }
}
printTally()
const harmed =
  tally.undone +
  tally.writtenTwice +
  tally.writtenUnapproved +
  tally.lost +
  tally.damaged
process.exitCode = harmed === 0 ? 0 : 1

async function soakRound(world: World, random: Random): Promise<void> {
  const plan = await runReport(world)
  const approved = candidateNames(plan)
  tally.users += world.reltio.users.size
  tally.approved += approved.length
  const { loggedIn, deleted } = driftBehindTheAction(world, approved, random)
  const before = snapshot(world.reltio)
  const requestsBefore = world.reltio.requests.length

  world.reltio.setSwitches({
    faults: pick(random, FAULT_MIXES),
    retryAfterSeconds: 0
  })
  let killAt: number | null =
    random() < 0.6
      ? randomInt(random, 1, Math.max(1, approved.length - 2))
      : null
  for (let attempt = 0; attempt < MAX_RUNS; attempt++) {
    const options = killAt
      ? { killWhen: afterOutcomes('deactivated', killAt) }
      : {}
    const run = await approve(world, plan, {}, options)
    tally.runs += 1
    if (run.signal === 'SIGKILL') tally.killed += 1
    else if (run.exitCode !== 0) tally.red += 1
    killAt = null
    if (run.exitCode === 0) break
  }
  world.reltio.setSwitches({ faults: NO_FAULTS })

  const eligible = approved.filter((n) => n !== loggedIn && n !== deleted)
  tally.skippedByDrift += approved.length - eligible.length
  countOutcome(world, eligible, before, requestsBefore)
}

/** One approved user logs in and another is deleted after the report. */
function driftBehindTheAction(
  world: World,
  approved: string[],
  random: Random
): { loggedIn: string | null; deleted: string | null } {
  if (approved.length < 4) return { loggedIn: null, deleted: null }
  const loggedIn = pick(random, approved)
  const deleted = pick(
    random,
    approved.filter((n) => n !== loggedIn)
  )
  const user = world.reltio.users.get(loggedIn)
  if (user) user.lastLoginDate = new Date(NOW).getTime() - 60_000
  world.reltio.users.delete(deleted)
  return { loggedIn, deleted }
}

function countOutcome(
  world: World,
  eligible: string[],
  before: ReturnType<typeof snapshot>,
  requestsBefore: number
): void {
  const off = eligible.filter(
    (n) => world.reltio.users.get(n)?.enabled === false
  )
  tally.deactivated += off.length
  tally.undone += eligible.length - off.length
  const puts = appliedPuts(world.reltio)
  tally.writtenTwice += [...puts.values()].filter((count) => count > 1).length
  tally.writtenUnapproved += [...puts.keys()].filter(
    (n) => !eligible.includes(n)
  ).length
  const problems = damage(world.reltio, before, off)
  tally.lost += problems.filter((p) => p.endsWith(': lost')).length
  tally.damaged += problems.filter((p) => !p.endsWith(': lost')).length
  tally.faultedRequests += world.reltio.requests
    .slice(requestsBefore)
    .filter(
      (r) => r.status === 0 || r.status === 429 || r.status === 503
    ).length
}

function printTally(): void {
  const rows: Array<[string, number]> = [
    ['rounds (customers)', tally.rounds],
    ['approval runs', tally.runs],
    ['  of them killed with SIGKILL', tally.killed],
    [
      '  of them red (a user failed, or a broken read stopped the run)',
      tally.red
    ],
    ['users', tally.users],
    ['approved users', tally.approved],
    ['  spared: logged in or deleted after the report', tally.skippedByDrift],
    ['  deactivated', tally.deactivated],
    ['requests answered 429, 503 or reset', tally.faultedRequests],
    ['approved users left undone', tally.undone],
    ['users written twice', tally.writtenTwice],
    ['users written without approval', tally.writtenUnapproved],
    ['users lost', tally.lost],
    ['users damaged (a field other than enabled changed)', tally.damaged]
  ]
  console.log('\n| what | count |\n|---|---:|')
  for (const [what, count] of rows) console.log(`| ${what} | ${count} |`)
}
