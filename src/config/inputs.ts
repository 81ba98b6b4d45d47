/**
 * The action's inputs by their action.yml names, with the same defaults.
 * A test compares this table with action.yml, so the two cannot drift.
 */

/** Every input of action.yml and its default ('' when it has none). */
export const INPUT_DEFAULTS = {
  'client-id': '',
  'client-secret': '',
  username: '',
  password: '',
  'auth-url': 'https://auth.reltio.com',
  'customer-id': '',
  'tenant-url': '',
  'inactive-days': '90',
  'warn-days': '14',
  'never-logged-in-days': '',
  exclude: '',
  'exclude-roles':
    'ROLE_ADMIN_CUSTOMER\nROLE_ADMIN_TENANT\nROLE_ADMIN_USER\nROLE_API\n',
  'exclude-groups': 'SERVICE_ACCOUNTS',
  'allowlist-file': '.github/reltio-inactive-users.yml',
  'activity-check': 'false',
  'audit-check': 'false',
  'password-policy': 'report',
  approve: 'false',
  'plan-id': '',
  approvers: '',
  reactivate: '',
  'dry-run': 'false',
  'max-deactivations': '50',
  'max-deactivation-percent': '10',
  issue: 'true',
  'issue-labels': 'inactive-users',
  'github-token': '${{ github.token }}',
  'artifact-name': 'reltio-inactive-users',
  'artifact-retention-days': '90',
  'report-dir': '${{ runner.temp }}/reltio-inactive-users',
  concurrency: '4',
  now: ''
} as const satisfies Record<string, string>

/** The kebab-case name of one input. */
export type InputName = keyof typeof INPUT_DEFAULTS

/** Every input name, in action.yml order. */
export const INPUT_NAMES = Object.keys(INPUT_DEFAULTS) as InputName[]

/** Inputs whose values are masked as soon as read and never printed. */
export const SECRET_INPUTS: ReadonlySet<InputName> = new Set<InputName>([
  'client-secret',
  'password',
  'github-token'
])

/**
 * The value of an input as the run should see it: trimmed, and the action.yml
 * default when missing or empty. Empty counts as missing because a workflow
 * that passes `${{ inputs.x }}` sends '' on a schedule run, where `inputs`
 * is empty. A default that is still an unexpanded `${{ }}` expression (a run
 * outside GitHub) reads as ''.
 */
export function inputValue(
  raw: Readonly<Record<string, string>>,
  name: InputName
): string {
  const given = raw[name]?.trim() ?? ''
  const value = given === '' ? INPUT_DEFAULTS[name] : given
  return value.includes('${{') ? '' : value
}
