/**
 * Loaded into every measured child with `--import`: when the process exits,
 * writes its resource usage to BENCH_USAGE_FILE. The action and the floor
 * scripts carry the same few lines, so neither side is measured differently.
 */
import { writeFileSync } from 'node:fs'

const target = process.env.BENCH_USAGE_FILE

if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    // maxRSS is the kernel's peak resident set (getrusage), in KiB.
    writeFileSync(
      target,
      JSON.stringify({ maxRssKb: usage.maxRSS, uptimeMs: performance.now() })
    )
  })
}
