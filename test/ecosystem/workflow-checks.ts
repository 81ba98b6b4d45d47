/**
 * Checks that action.yml and workflows are what GitHub accepts, using
 * GitHub's own parser and the engine of its VS Code extension. These
 * packages import JSON without import attributes, so they load only under
 * vitest (vitest.config.ts inlines them), not under plain Node.
 */
import { validate } from '@actions/languageservice'
import type { ActionsMetadataProvider } from '@actions/languageservice'
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow
} from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import { clearCacheEntry } from '@actions/languageservice/utils/workflow-cache'
import { TextDocument } from 'vscode-languageserver-textdocument'
import { parse } from 'yaml'

/** The name a workflow uses for this action once `./` is rewritten. */
export const PUBLISHED_ACTION = 'owner/reltio-inactive-users@v1'

/** Matches a `uses:` that runs this action: `./` or any `*\/reltio-inactive-users@ref`. */
const OUR_ACTION = /^(\.\/?|[^/\s]+\/reltio-inactive-users@\S+)$/

// LSP clients read a diagnostic without a severity as an error, and the
// language service leaves parser errors without one.
const ERROR_SEVERITY = 1

/** Lists what GitHub's action parser rejects in an action.yml text. */
export function findActionProblems(actionYml: string): string[] {
  const result = parseAction(
    { name: 'action.yml', content: actionYml },
    new NoOperationTraceWriter()
  )
  return result.context.errors.getErrors().map((error) => error.message)
}

/** Lists what the workflow parser and converter reject in a workflow text. */
export async function findParserProblems(
  name: string,
  workflowYml: string
): Promise<string[]> {
  const parsed = parseWorkflow(
    { name, content: workflowYml },
    new NoOperationTraceWriter()
  )
  if (parsed.value !== undefined) {
    await convertWorkflowTemplate(parsed.context, parsed.value)
  }
  return parsed.context.errors.getErrors().map((error) => error.message)
}

/**
 * Lists the error diagnostics of GitHub's language service for a workflow,
 * with this action's inputs known, so a `with:` key it lacks is an error.
 */
export async function findLanguageServiceProblems(
  name: string,
  workflowYml: string,
  actionYml: string
): Promise<string[]> {
  const document = TextDocument.create(
    `file:///${name}`,
    'yaml',
    1,
    rewriteLocalUses(workflowYml)
  )
  // The service caches parse results by URI; without clearing, a second
  // text under the same name would be judged by the first one's result.
  const diagnostics = await validate(document, {
    actionsMetadataProvider: metadataProvider(actionYml)
  }).finally(() => clearCacheEntry(document.uri))
  return diagnostics
    .filter((d) => (d.severity ?? ERROR_SEVERITY) === ERROR_SEVERITY)
    .map((d) => `${name}:${d.range.start.line + 1}: ${d.message}`)
}

/**
 * Lists every `with:` key that a workflow passes to this action and that
 * action.yml does not declare; independent of GitHub's packages.
 */
export function findUnknownWithKeys(
  name: string,
  workflowYml: string,
  actionYml: string
): string[] {
  const inputs = new Set(Object.keys(readInputs(actionYml)))
  const workflow = parse(workflowYml) as {
    jobs?: Record<string, { steps?: { uses?: string; with?: object }[] }>
  }
  const problems: string[] = []
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    for (const [index, step] of (job.steps ?? []).entries()) {
      if (!OUR_ACTION.test(step.uses ?? '')) continue
      for (const key of Object.keys(step.with ?? {})) {
        if (!inputs.has(key)) {
          problems.push(`${name}: jobs.${jobId}.steps[${index}] with '${key}'`)
        }
      }
    }
  }
  return problems
}

/** Counts the steps of a workflow that run this action. */
export function countOurSteps(workflowYml: string): number {
  return [...workflowYml.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)].filter(
    (match) => OUR_ACTION.test(match[1] ?? '')
  ).length
}

/** Returns every ```yaml block of a Markdown text that is a whole workflow. */
export function findWorkflowBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)]
    .map((match) => match[1] ?? '')
    .filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block))
}

// The language service resolves only `owner/repo@ref` references through
// the metadata provider; `./` would go unchecked.
function rewriteLocalUses(workflowYml: string): string {
  return workflowYml.replace(
    /^(\s*(?:-\s+)?uses:\s*)\.\/?\s*$/gm,
    `$1${PUBLISHED_ACTION}`
  )
}

// Other actions (checkout, setup-node) resolve without inputs, which the
// language service takes as "nothing to check": we vouch only for ours.
function metadataProvider(actionYml: string): ActionsMetadataProvider {
  return {
    fetchActionMetadata(reference) {
      const isOurs = reference.name === 'reltio-inactive-users'
      return Promise.resolve({
        name: `${reference.owner}/${reference.name}`,
        description: 'resolved offline for validation',
        ...(isOurs ? { inputs: readInputs(actionYml) } : {})
      })
    }
  }
}

function readInputs(
  actionYml: string
): Record<string, { description: string; required?: boolean }> {
  const action = parse(actionYml) as {
    inputs?: Record<string, { description: string; required?: boolean }>
  }
  return action.inputs ?? {}
}
