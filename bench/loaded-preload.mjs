/**
 * Loaded with `--import` into one diagnostic run: notes every JavaScript
 * file the process loads and writes the list to BENCH_LOADED_FILE at exit,
 * to show which of the bundle's lazy chunks a run really pulls in.
 */
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

const target = process.env.BENCH_LOADED_FILE
const loaded = []

if (target) {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) loaded.push(url)
      return nextLoad(url, context)
    }
  })
  process.on('exit', () => writeFileSync(target, JSON.stringify(loaded)))
}
