/**
 * `npm run demo`: a report run of the bundled action against the embedded
 * Reltio simulator and the loopback GitHub fakes, launched the way the
 * runner launches it. Prints the job summary and where the files are.
 */
import { mkdir, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { startGitHubFake } from '../sim/github/server.ts'
import { adminInputs, startReltioSimulator } from '../sim/reltio/server.ts'
import { renderRunnerLog } from '../sim/log-view.ts'
import { runAction } from '../sim/runner.ts'

const USERS = Number(process.env.DEMO_USERS ?? 300)
const NOW = process.env.DEMO_NOW ?? '2026-12-01T06:17:00.000Z'
const reportDir = resolve(process.env.DEMO_REPORT_DIR ?? 'demo-output')

const reltio = await startReltioSimulator({
  seed: { count: USERS, seed: 42, now: new Date(NOW) }
})
const github = await startGitHubFake()
try {
  await rm(reportDir, { recursive: true, force: true })
  await mkdir(reportDir, { recursive: true })
  const run = await runAction({
    github,
    eventName: 'schedule',
    inputs: { ...adminInputs(reltio), now: NOW, 'report-dir': reportDir }
  })
  console.log('----- action log (groups folded, as GitHub shows it) -----\n')
  console.log(renderRunnerLog(run.stdout))
  process.stderr.write(run.stderr)
  console.log('\n----- job summary -----\n')
  console.log(run.summary)
  console.log('----- outputs -----')
  for (const [name, value] of Object.entries(run.outputs)) {
    console.log(
      `${name}: ${value.length > 120 ? `${value.slice(0, 117)}...` : value}`
    )
  }
  const issue = github.issues[0]
  console.log(
    `\nReport files: ${reportDir} (plan.json, plan.csv, summary.md)` +
      `\nArtifact uploaded to the loopback artifact fake: ${github.artifacts.map((a) => a.name).join(', ') || 'none'}` +
      `\nReview issue in the loopback GitHub fake: ${issue ? `#${issue.number} "${issue.title}"` : 'none'}` +
      `\nReltio writes during the report: ${reltio.requests.filter((r) => r.method === 'PUT').length}`
  )
  process.exitCode = run.exitCode ?? 1
} finally {
  await github.close()
  await reltio.close()
}
