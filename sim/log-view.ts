/**
 * Shows an action's stdout the way a person reads it in GitHub's log
 * viewer: mask and debug commands hidden, groups folded to their title,
 * annotations spelled out.
 */

const ANNOTATION = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/

/** The log as the runner's viewer would show it with groups collapsed. */
export function renderRunnerLog(stdout: string): string {
  const shown: string[] = []
  let inGroup = false
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) {
      shown.push(`▸ ${line.slice('::group::'.length)}`)
      inGroup = true
    } else if (line.startsWith('::endgroup::')) {
      inGroup = false
    } else if (ANNOTATION.test(line)) {
      const [, level = '', message = ''] = ANNOTATION.exec(line) ?? []
      shown.push(`${level.toUpperCase()}: ${decodeCommandData(message)}`)
    } else if (!line.startsWith('::') && !inGroup) {
      shown.push(line)
    }
  }
  return shown.join('\n')
}

/** Workflow commands escape %, CR and LF in their data. */
function decodeCommandData(data: string): string {
  return data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}
