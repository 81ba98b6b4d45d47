/**
 * `npm run bench`: the benchmarks of issue 6 against the simulator, each
 * as a ratio to a baseline measured in the same run, ending in one table.
 * Runs dist/index.js as built; rebuild (`npm run build`) after changes.
 *
 *   npm run bench                     all of it (about 5 minutes)
 *   npm run bench -- --quick          small sizes, one repeat (about 1 minute)
 *   npm run bench -- --only=report    or approval, startup (comma-separated)
 *   npm run bench -- --sizes=1000,50000 --repeats=5
 *   npm run bench -- --concurrency=32     the approval run's input (default 8)
 *   npm run bench -- --entry=/tmp/other/dist/index.js   time another build
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { benchApprovalBound } from './approval-bound.ts'
import { describeMachine } from './machine.ts'
import { benchReportScale } from './report-scale.ts'
import { approvalRows, reportRows, startupRows } from './rows.ts'
import { benchStartup } from './startup.ts'
import { renderTable, type Row } from './table.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'report,approval,startup' },
    sizes: { type: 'string' },
    repeats: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    entry: { type: 'string' }
  }
})

const quick = values.quick
const only = new Set(values.only.split(','))
const sizes = (values.sizes ?? (quick ? '1000,10000' : '1000,10000,100000'))
  .split(',')
  .map(Number)
const repeats = Number(values.repeats ?? (quick ? 1 : 3))
const entry = values.entry === undefined ? undefined : resolve(values.entry)
const log = (line: string): void => void process.stderr.write(`${line}\n`)

const rows: Row[] = []
if (only.has('report')) {
  rows.push(
    ...reportRows(await benchReportScale({ sizes, repeats, entry, log }))
  )
}
if (only.has('approval')) {
  const approval = await benchApprovalBound({
    users: quick ? 200 : 1000,
    latencyMs: 100,
    ratePerSecond: 50,
    concurrency: Number(values.concurrency),
    sequentialSample: quick ? 10 : 100,
    entry,
    log
  })
  rows.push(...approvalRows(approval))
}
if (only.has('startup')) {
  const repeatsOfStart = quick ? 3 : 9
  rows.push(
    ...startupRows(await benchStartup({ repeats: repeatsOfStart, entry, log }))
  )
}

const build = entry ? `; build ${entry}` : ''
process.stdout.write(
  `\n${describeMachine()}; medians of ${repeats} run(s) per report size${build}\n\n${renderTable(rows)}\n`
)
