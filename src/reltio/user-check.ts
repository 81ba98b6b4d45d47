/**
 * A hand-written check of a Reltio user that accepts exactly what
 * ReltioUserSchema accepts, for JSON input. zod copies every object it
 * checks, which at 100,000 users costs as much as parsing the list; this
 * check reads the same few fields of every user and copies nothing. When
 * it refuses a body, the schema runs to name the endpoint and the field.
 */
import type { ReltioUser } from './schemas.js'

/** Whether every element of `value` is a user ReltioUserSchema accepts. */
export function isReltioUserList(value: unknown): value is ReltioUser[] {
  if (!Array.isArray(value)) return false
  for (const user of value) {
    if (!isReltioUser(user)) return false
  }
  return true
}

/** Whether ReltioUserSchema accepts `value` (a value read from JSON). */
export function isReltioUser(value: unknown): value is ReltioUser {
  if (!isObject(value)) return false
  const user = value as Record<string, unknown>
  const { username } = user
  return (
    typeof username === 'string' &&
    username.length > 0 &&
    isOptional(user.email, isString) &&
    isOptional(user.customer, isString) &&
    isOptional(user.enabled, isBoolean) &&
    isOptional(user.externalUser, isBoolean) &&
    isNullish(user.groups, isStringArray) &&
    isNullish(user.userPermissions, isPermissions) &&
    isOptional(user.lastLoginDate, isReltioDate) &&
    isOptional(user.passwordChangedDate, isReltioDate)
  )
}

function isPermissions(value: unknown): boolean {
  if (!isObject(value)) return false
  return isNullish((value as Record<string, unknown>).roles, isRoleRecord)
}

function isRoleRecord(value: unknown): boolean {
  if (!isObject(value)) return false
  for (const tenants of Object.values(value as Record<string, unknown>)) {
    if (!isNullish(tenants, isStringArray)) return false
  }
  return true
}

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false
  for (const item of value) {
    if (typeof item !== 'string') return false
  }
  return true
}

/** `lastLoginDate` and friends: a finite number, a string or null. */
function isReltioDate(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value))
  )
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isString(value: unknown): boolean {
  return typeof value === 'string'
}

function isBoolean(value: unknown): boolean {
  return typeof value === 'boolean'
}

function isOptional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value)
}

function isNullish(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value)
}
