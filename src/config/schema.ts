/**
 * The rule of every input, keyed by its action.yml name, and the checks that
 * span several inputs. Failure messages are built from these words in
 * config.ts, so every input explains itself the same way.
 */
import type { z } from 'zod'
import type { InputName } from './inputs.js'
import {
  MAX_DAYS,
  MAX_LABEL_LENGTH,
  artifactName,
  customerId,
  httpUrl,
  isoTime,
  labels,
  list,
  logins,
  names,
  optional,
  passwordPolicyMode,
  percentage,
  planId,
  reactivateRequest,
  text,
  wholeNumber,
  yamlBoolean,
  type InputRule
} from './rules.js'

const BOOLEAN_HINT =
  'Use true or false (also True, TRUE, False or FALSE, as YAML 1.2 spells them).'
const URL_EXPECTED = 'an http(s) URL without a username or password in it'

function rule<T>(
  schema: z.ZodType<T, string>,
  expected: string,
  hint: string
): InputRule<T> {
  return { schema, expected, hint }
}

function flag(): InputRule<boolean> {
  return rule(yamlBoolean(), 'true or false', BOOLEAN_HINT)
}

function anyList(): InputRule<string[]> {
  return rule(
    list(),
    'a list',
    'Give one item per line or separate them with commas.'
  )
}

/** How each input is read; an empty value has already become its default. */
export const INPUT_RULES = {
  'client-id': rule(
    text(),
    'set',
    'Pass the Reltio OAuth client id, e.g. client-id: ${{ secrets.RELTIO_CLIENT_ID }}.'
  ),
  'client-secret': rule(
    text(),
    'set',
    'Pass it from a secret, e.g. client-secret: ${{ secrets.RELTIO_CLIENT_SECRET }}.'
  ),
  username: rule(
    optional(text()),
    'text',
    'Leave it empty to use client credentials.'
  ),
  password: rule(optional(text()), 'text', 'Pass it from a secret.'),
  'auth-url': rule(
    httpUrl(),
    URL_EXPECTED,
    "Use https://auth.reltio.com or your environment's auth server."
  ),
  'customer-id': rule(
    optional(customerId()),
    "a Reltio customer id (letters, digits, '.', '_' or '-')",
    'Copy it from the Reltio Console, e.g. AcmeCorp.'
  ),
  'tenant-url': rule(
    optional(httpUrl()),
    URL_EXPECTED,
    'Use https://<env>.reltio.com/reltio/api/<tenant>.'
  ),
  'inactive-days': rule(
    wholeNumber(1, MAX_DAYS),
    `a whole number from 1 to ${MAX_DAYS}`,
    'Use a number of days such as 90.'
  ),
  'warn-days': rule(
    wholeNumber(0, MAX_DAYS),
    `a whole number from 0 to ${MAX_DAYS}`,
    'Use a number of days such as 14, or 0 for no approaching bucket.'
  ),
  'never-logged-in-days': rule(
    optional(wholeNumber(1, MAX_DAYS)),
    `empty or a whole number from 1 to ${MAX_DAYS}`,
    'Use a number of days such as 180, or leave it empty to keep users who never logged in out of the candidates.'
  ),
  exclude: anyList(),
  'exclude-roles': rule(
    names(),
    'role names without spaces',
    'Give one role per line or separate them with commas.'
  ),
  'exclude-groups': rule(
    names(),
    'group names without spaces',
    'Give one group per line or separate them with commas.'
  ),
  'allowlist-file': rule(
    text(),
    'a file path',
    'Use a path in the repository such as .github/reltio-inactive-users.yml.'
  ),
  'activity-check': flag(),
  'audit-check': flag(),
  'password-policy': rule(
    passwordPolicyMode(),
    'off, report or enforce',
    'Use report to show the policy, enforce to set it on approval, or off.'
  ),
  approve: flag(),
  'plan-id': rule(
    optional(planId()),
    '16 hexadecimal characters',
    'Copy the plan id from the review issue.'
  ),
  approvers: rule(
    logins(),
    'GitHub logins (letters, digits and hyphens)',
    'Give one login per line or separate them with commas.'
  ),
  reactivate: rule(
    optional(reactivateRequest()),
    'the run id of an approval run or usernames one per line',
    'Give a positive run id, or the usernames to enable again.'
  ),
  'dry-run': flag(),
  'max-deactivations': rule(
    wholeNumber(0, 1_000_000),
    'a whole number of 0 or more',
    'Use the most users one approval may deactivate, such as 50; 0 refuses every approval.'
  ),
  'max-deactivation-percent': rule(
    percentage(),
    'a number above 0 and at most 100',
    'Use a share of enabled users such as 10.'
  ),
  issue: flag(),
  'issue-labels': rule(
    labels(),
    `label names of at most ${MAX_LABEL_LENGTH} characters`,
    'Give one label per line or separate them with commas.'
  ),
  'github-token': rule(
    optional(text()),
    'text',
    'Pass ${{ github.token }} or a token from a secret.'
  ),
  'artifact-name': rule(
    artifactName(),
    'a name without " : < > | * ? \\ / or line breaks',
    'Use letters, digits, - and _, such as reltio-inactive-users.'
  ),
  'artifact-retention-days': rule(
    wholeNumber(1, 400),
    'a whole number from 1 to 400',
    'Use a number of days such as 90.'
  ),
  'report-dir': rule(
    optional(text()),
    'a directory path',
    'Leave it empty for a directory under the runner temp directory.'
  ),
  concurrency: rule(
    wholeNumber(1, 32),
    'a whole number from 1 to 32',
    'Use 4 unless Reltio raised your rate limit.'
  ),
  now: rule(
    optional(isoTime()),
    'an ISO 8601 time',
    'Use a time such as 2025-01-31T00:00:00Z, or leave it empty for the real clock.'
  )
} satisfies { [K in InputName]: InputRule<unknown> }

/** The typed value of every input. */
export type ParsedInputs = {
  [K in InputName]: z.output<(typeof INPUT_RULES)[K]['schema']>
}

type CrossCheck = (inputs: Partial<ParsedInputs>) => string | null

/**
 * Checks that involve more than one input. Each runs on the inputs that
 * parsed; an input that failed on its own is not blamed twice.
 */
export const CROSS_CHECKS: readonly CrossCheck[] = [
  (inputs) =>
    inputs.approve === true && inputs['plan-id'] === null
      ? "Input 'plan-id' is required when approve is true. Copy the plan id from the review issue."
      : null,
  (inputs) =>
    inputs.approve === true && isSet(inputs.reactivate)
      ? "Inputs 'approve' and 'reactivate' cannot be used in the same run. Approve in one run and reactivate in another."
      : null,
  (inputs) =>
    isSet(inputs.username) && inputs.password === null
      ? "Input 'password' is required when username is set. Pass it from a secret, or clear username to use client credentials."
      : null,
  (inputs) =>
    isSet(inputs.password) && inputs.username === null
      ? "Input 'username' is required when password is set. Give the Reltio username, or clear password to use client credentials."
      : null,
  (inputs) =>
    inputs['password-policy'] === 'enforce' && inputs['customer-id'] === null
      ? "Input 'customer-id' is required when password-policy is enforce. Give the Reltio customer id, or use password-policy: report."
      : null,
  (inputs) =>
    inputs['activity-check'] === true && inputs['tenant-url'] === null
      ? "Input 'tenant-url' is required when activity-check is true. Use https://<env>.reltio.com/reltio/api/<tenant>."
      : null
]

function isSet<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined
}
