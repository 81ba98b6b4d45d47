/**
 * A loopback world for end-to-end runs: the Reltio simulator, the GitHub
 * fakes, and the inputs a workflow would pass to the bundled action.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../sim/github/server.ts'
import {
  adminInputs,
  startReltioSimulator,
  type ReltioSimulator,
  type SimulatorOptions
} from '../../sim/reltio/server.ts'
import { runAction, type ActionRun } from '../../sim/runner.ts'

export const NOW = '2026-12-01T06:17:00.000Z'

export interface World {
  reltio: ReltioSimulator
  github: GitHubFake
  reportDir: string
  /** Runs dist/index.js with the world's base inputs plus `inputs`. */
  run(
    inputs?: Record<string, string>,
    options?: Partial<Parameters<typeof runAction>[0]>
  ): Promise<ActionRun>
  close(): Promise<void>
}

let nextRunId = 7000

/** Starts the simulator (seeded unless users are given) and the fakes. */
export async function startWorld(
  simulator: SimulatorOptions = {
    seed: { count: 120, seed: 7, now: new Date(NOW) }
  }
): Promise<World> {
  const reltio = await startReltioSimulator(simulator)
  const github = await startGitHubFake()
  const reportDir = await mkdtemp(join(tmpdir(), 'e2e-report-'))
  return {
    reltio,
    github,
    reportDir,
    run: (inputs = {}, options = {}) =>
      runAction({
        github,
        runId: nextRunId++,
        eventName: 'schedule',
        ...options,
        inputs: {
          ...adminInputs(reltio),
          now: NOW,
          'report-dir': reportDir,
          ...inputs
        }
      }),
    close: async () => {
      await github.close()
      await reltio.close()
    }
  }
}

/** The Reltio requests that could change data: anything but reads and tokens. */
export function reltioWrites(
  reltio: ReltioSimulator
): Array<{ method: string; path: string }> {
  return reltio.requests.filter(
    (r) =>
      r.method !== 'GET' &&
      r.path !== '/oauth/token' &&
      r.path !== '/audit/export'
  )
}
