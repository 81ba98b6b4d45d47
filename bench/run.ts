/**
 * `npm run bench`: the benchmarks of issue 6 against the simulator, each
 * as a ratio to a baseline measured in the same run, ending in one table.
 * Runs dist/index.js as built; rebuild (`npm run build`) after changes.
 *
 *   npm run bench                     all of it (about 5 minutes)
 *   npm run bench -- --quick          small sizes, one repeat (about 1 minute)
 *   npm run bench -- --only=report    or approval, startup (comma-separated)
 *   npm run bench -- --sizes=1000,50000 --repeats=5
 */
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
    repeats: { type: 'string' }
  }
})

const quick = values.quick
const only = new Set(values.only.split(','))
const sizes = (values.sizes ?? (quick ? '1000,10000' : '1000,10000,100000'))
  .split(',')
  .map(Number)
const repeats = Number(values.repeats ?? (quick ? 1 : 3))
const log = (line: string): void => void process.stderr.write(`${line}\n`)

const rows: Row[] = []
if (only.has('report')) {
  rows.push(...reportRows(await benchReportScale({ sizes, repeats, log })))
}
if (only.has('approval')) {
  const approval = await benchApprovalBound({
    users: quick ? 200 : 1000,
    latencyMs: 100,
    ratePerSecond: 50,
    concurrency: 8,
    sequentialSample: quick ? 10 : 100,
    log
  })
  rows.push(...approvalRows(approval))
}
if (only.has('startup')) {
  rows.push(...startupRows(await benchStartup({ repeats: quick ? 3 : 9, log })))
}

process.stdout.write(
  `\n${describeMachine()}; medians of ${repeats} run(s) per report size\n\n${renderTable(rows)}\n`
)
