/**
 * Exclusion rules: users the action never proposes, whatever their dates.
 * Each match returns the rule as a reviewer reads it, so the report can say
 * why a user was left alone.
 */
import type { ReltioUser } from '../reltio/schemas.js'
import type { AllowlistEntry } from './types.js'

/** The rules to match, already narrowed to allowlist entries that apply. */
export interface ExclusionRules {
  selfIdentities: readonly string[]
  allowlist: readonly AllowlistEntry[]
  exclude: readonly string[]
  excludeRoles: readonly string[]
  excludeGroups: readonly string[]
}

/** Returns the rule that excludes a user, or null when none does. */
export type ExclusionMatcher = (user: ReltioUser) => string | null

/**
 * Compiles the rules once (globs to regular expressions) into a matcher.
 * Order: own identity, allowlist, exclude pattern, role, group.
 */
export function compileExclusions(rules: ExclusionRules): ExclusionMatcher {
  const selves = new Set(rules.selfIdentities.map(fold))
  const allowlist = rules.allowlist.map((entry) => ({
    entry,
    glob: globToRegExp(entry.match)
  }))
  const patterns = rules.exclude.map((pattern) => ({
    pattern,
    glob: globToRegExp(pattern)
  }))
  const roles = rules.excludeRoles.map((role) => ({ role, folded: fold(role) }))
  const groups = new Set(rules.excludeGroups.map(fold))

  return (user) => {
    const names = identitiesOf(user)
    if (names.some((name) => selves.has(name))) {
      return "the action's own identity"
    }
    const allowed = allowlist.find(({ glob }) => matchesAny(glob, names))
    if (allowed) return describeAllowlistEntry(allowed.entry)
    const excluded = patterns.find(({ glob }) => matchesAny(glob, names))
    if (excluded) return `exclude pattern '${excluded.pattern}'`
    const role = findExcludedRole(rolesOf(user), roles)
    if (role) return role
    const group = findExcludedGroup(user, groups)
    return group === null ? null : `group ${group}`
  }
}

/** Turns a glob (`*` any run of characters, `?` one) into an anchored, case-insensitive RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = ''
  for (const char of glob.trim()) {
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else source += char.replace(/[\\^$.|+()[\]{}/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 'iu')
}

/**
 * Whether a user's role is an excluded role or one of its suffixed forms:
 * `ROLE_ADMIN_TENANT` covers `ROLE_ADMIN_TENANT_acme`, but `ROLE_API` does not
 * cover `ROLE_APIX`.
 */
export function roleMatches(userRole: string, excludedRole: string): boolean {
  return foldedRoleMatches(fold(userRole), fold(excludedRole))
}

function foldedRoleMatches(role: string, excluded: string): boolean {
  return (
    role.startsWith(excluded) &&
    (role.length === excluded.length || role.charAt(excluded.length) === '_')
  )
}

/** The allowlist rule text a reviewer sees. */
export function describeAllowlistEntry(entry: AllowlistEntry): string {
  return `allowlist: ${entry.match} (owner ${entry.owner}: ${entry.reason})`
}

// Runs once per user, so every excluded role comes folded already and each
// of the user's roles is folded once, not once per excluded role.
function findExcludedRole(
  userRoles: string[],
  excludedRoles: ReadonlyArray<{ role: string; folded: string }>
): string | null {
  if (userRoles.length === 0) return null
  const folded = userRoles.map(fold)
  for (const excluded of excludedRoles) {
    const index = folded.findIndex((role) =>
      foldedRoleMatches(role, excluded.folded)
    )
    if (index === -1) continue
    return folded[index] === excluded.folded
      ? `role ${excluded.role}`
      : `role ${excluded.role} (as ${userRoles[index]})`
  }
  return null
}

function identitiesOf(user: ReltioUser): string[] {
  const names: string[] = []
  if (user.username) names.push(fold(user.username))
  if (user.email) names.push(fold(user.email))
  return names
}

/**
 * Roles from `userPermissions.roles` (current schema) and the legacy `roles`
 * array some responses still carry: a role held either way must protect.
 */
function rolesOf(user: ReltioUser): string[] {
  const roles = Object.keys(user.userPermissions?.roles ?? {})
  const legacy: unknown = user['roles']
  if (!Array.isArray(legacy)) return roles
  // A loop, not push(...legacy): a record with very many roles must not
  // overflow the call stack.
  for (const role of legacy) if (isString(role)) roles.push(role)
  return roles
}

function findExcludedGroup(
  user: ReltioUser,
  excludedGroups: ReadonlySet<string>
): string | null {
  if (excludedGroups.size === 0) return null
  for (const group of user.groups ?? []) {
    if (isString(group) && excludedGroups.has(fold(group))) return group
  }
  return null
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

function matchesAny(glob: RegExp, names: string[]): boolean {
  return names.some((name) => glob.test(name))
}

function fold(text: string): string {
  return text.trim().toLowerCase()
}
