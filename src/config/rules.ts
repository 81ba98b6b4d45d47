/**
 * One zod schema per input, from the (trimmed, defaulted) input string to
 * its typed value, with the words a failure message needs: what the input
 * must be, and what to do.
 */
import { z } from 'zod'
import type { PasswordPolicyMode, ReactivateRequest } from '../config-types.js'
import { parseIsoTime } from '../inactivity/dates.js'

/** How one input is checked and what to tell the user when it is wrong. */
export interface InputRule<T> {
  schema: z.ZodType<T, string>
  /** Completes "Input 'x' must be …", e.g. "a whole number of 1 or more". */
  expected: string
  /** The next step, e.g. "Use a number of days such as 90." */
  hint: string
}

/** Largest day count accepted: a century is already beyond any real use. */
export const MAX_DAYS = 36_500

const WHOLE_NUMBER = /^\d+$/

// Only the YAML 1.2 core schema spellings, as core.getBooleanInput reads
// them: 'yes', 'on' or '1' are refused rather than guessed at.
const BOOLEAN_SPELLINGS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE']

// Characters the artifact service refuses in a name.
const ARTIFACT_NAME_FORBIDDEN = /[":<>|*?\\/\r\n]/

/** A whole number in [min, max], written in digits only. */
export function wholeNumber(
  min: number,
  max: number
): z.ZodType<number, string> {
  return z
    .string()
    .regex(WHOLE_NUMBER)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
}

/** A decimal number greater than 0 and at most 100. */
export function percentage(): z.ZodType<number, string> {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number)
    .pipe(z.number().gt(0).max(100))
}

/** true or false, in the spellings of the YAML 1.2 core schema. */
export function yamlBoolean(): z.ZodType<boolean, string> {
  return z
    .string()
    .refine((value) => BOOLEAN_SPELLINGS.includes(value))
    .transform((value) => value.toLowerCase() === 'true')
}

/** An http(s) URL without credentials, returned without a trailing slash. */
export function httpUrl(): z.ZodType<string, string> {
  return z
    .url({ protocol: /^https?$/ })
    .refine(hasNoCredentials)
    .transform((value) => value.replace(/\/+$/, ''))
}

// The URL appears in debug logs and reports, so it must not carry a
// password: credentials belong in client-secret or password.
function hasNoCredentials(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return url.username === '' && url.password === ''
}

/** An ISO 8601 time; without a zone it is read as UTC. */
export function isoTime(): z.ZodType<Date, string> {
  return z.string().transform((value, context) => {
    const date = parseIsoTime(value)
    if (date === null) {
      context.addIssue({ code: 'custom', message: 'not an ISO time' })
      return z.NEVER
    }
    return date
  })
}

/** A plan id: 16 hexadecimal characters, returned in lower case. */
export function planId(): z.ZodType<string, string> {
  return z
    .string()
    .regex(/^[0-9a-f]{16}$/i)
    .transform((value) => value.toLowerCase())
}

/** off, report or enforce, in any letter case. */
export function passwordPolicyMode(): z.ZodType<PasswordPolicyMode, string> {
  return z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['off', 'report', 'enforce']))
}

/** A Reltio customer id: letters, digits, '.', '_' and '-' (it goes into URL paths). */
export function customerId(): z.ZodType<string, string> {
  return z.string().regex(/^[A-Za-z0-9._-]+$/)
}

/** An artifact name the artifact service accepts. */
export function artifactName(): z.ZodType<string, string> {
  return z
    .string()
    .min(1)
    .refine((value) => !ARTIFACT_NAME_FORBIDDEN.test(value))
}

/** Any non-empty text. */
export function text(): z.ZodType<string, string> {
  return z.string().min(1)
}

/** Items split on newlines and commas, trimmed, empties dropped. */
export function list(): z.ZodType<string[], string> {
  return z.string().transform(splitList)
}

/**
 * Role or group names as a list. A name never holds whitespace, so one
 * that does is two names run together ("ROLE_A ROLE_B"), which would match
 * nothing and silently stop protecting both.
 */
export function names(): z.ZodType<string[], string> {
  return list().refine((items) => items.every((item) => !/\s/.test(item)))
}

// Letters, digits and hyphens, at most 39, as GitHub allows; apps act as
// `<name>[bot]`.
const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/

/**
 * GitHub logins as a list; a leading '@' is dropped. A malformed login can
 * match no actor, so every approval would be refused for a reason far
 * from the typo; it is refused here instead.
 */
export function logins(): z.ZodType<string[], string> {
  return list()
    .transform((items) =>
      items.map((name) => name.replace(/^@/, '')).filter((name) => name !== '')
    )
    .refine((items) => items.every((name) => GITHUB_LOGIN.test(name)))
}

/** GitHub refuses a label name longer than this. */
export const MAX_LABEL_LENGTH = 50

/** Issue label names as a list, each short enough for GitHub. */
export function labels(): z.ZodType<string[], string> {
  return list().refine((items) =>
    items.every((item) => item.length <= MAX_LABEL_LENGTH)
  )
}

/**
 * `reactivate`: a single positive whole number is the id of an approval run;
 * anything else is usernames, one per line (commas also separate).
 */
export function reactivateRequest(): z.ZodType<ReactivateRequest, string> {
  return z.string().transform((value, context): ReactivateRequest => {
    const items = splitList(value)
    const only = items.length === 1 ? items[0] : undefined
    if (only === undefined || !WHOLE_NUMBER.test(only)) {
      return { kind: 'usernames', usernames: items }
    }
    const runId = Number(only)
    if (runId < 1 || !Number.isSafeInteger(runId)) {
      context.addIssue({ code: 'custom', message: 'not a run id' })
      return z.NEVER
    }
    return { kind: 'run', runId }
  })
}

/** Makes a rule optional: '' (no value and no default) reads as null. */
export function optional<T>(
  schema: z.ZodType<T, string>
): z.ZodType<T | null, string> {
  return z.union([z.literal('').transform(() => null), schema])
}

/** Splits a multi-line or comma-separated input into trimmed items. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
