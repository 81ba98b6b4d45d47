/**
 * Zod schemas for the parts of Reltio's responses that the action reads.
 * Objects are loose: unknown fields pass through untouched, because a user
 * is written back whole (Reltio's PUT replaces the entire object).
 */
import { z } from 'zod'

/** `lastLoginDate` is epoch ms in Reltio's schema; ISO strings and null occur. */
export const ReltioDateSchema = z.union([z.number(), z.string(), z.null()])

export const ReltioUserSchema = z.looseObject({
  username: z.string().min(1),
  email: z.string().optional(),
  customer: z.string().optional(),
  enabled: z.boolean().optional(),
  externalUser: z.boolean().optional(),
  groups: z.array(z.string()).nullish(),
  userPermissions: z
    .looseObject({
      roles: z.record(z.string(), z.array(z.string()).nullish()).nullish()
    })
    .nullish(),
  lastLoginDate: ReltioDateSchema.optional(),
  passwordChangedDate: ReltioDateSchema.optional()
})
export type ReltioUser = z.infer<typeof ReltioUserSchema>

export const ReltioUserListSchema = z.array(ReltioUserSchema)

export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().optional(),
  scope: z.union([z.string(), z.array(z.string())]).optional()
})
export type TokenResponse = z.infer<typeof TokenResponseSchema>

export const PasswordPolicySchema = z.looseObject({
  inactivePeriodInDays: z.number().int().nullish(),
  expirePeriodInDays: z.number().int().nullish(),
  numberOfFailedLoginAttempts: z.number().int().nullish()
})
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>

/** One activity-log record; the actor key varies between `user` and `userId`. */
export const ActivitySchema = z.looseObject({
  user: z.string().optional(),
  userId: z.string().optional(),
  label: z.string().optional(),
  timestamp: z.number().optional()
})
export type Activity = z.infer<typeof ActivitySchema>

export const ActivityListSchema = z.array(ActivitySchema)

/** Keys seen for the same fact in audit reports; the first present wins. */
const AUDIT_USER_KEYS = ['username', 'user', 'userName', 'login']
const AUDIT_TIME_KEYS = ['timestamp', 'time', 'eventTime', 'date']
const AUDIT_EVENT_KEYS = ['event', 'eventType', 'type']

/**
 * One security-audit login event, normalized: the report's column names
 * are not documented, so each fact is read from any of its known keys.
 * Numeric times below 1e11 are taken as seconds (as ms they predate 1974).
 */
export const AuditLoginEventSchema = z.looseObject({}).transform((raw, ctx) => {
  const username = firstString(raw, AUDIT_USER_KEYS)
  const timestamp = firstTimestamp(raw, AUDIT_TIME_KEYS)
  const event = firstString(raw, AUDIT_EVENT_KEYS) ?? 'LOGIN'
  if (username === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['username'],
      message: 'no username or user'
    })
    return z.NEVER
  }
  if (timestamp === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['timestamp'],
      message: 'no readable timestamp'
    })
    return z.NEVER
  }
  return { username, timestamp, event }
})
export type AuditLoginEvent = z.output<typeof AuditLoginEventSchema>

/** The export's JSON: a plain array, or an object holding it under `events`. */
export const AuditExportSchema = z.preprocess(
  (body) =>
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? ((body as Record<string, unknown>).events ?? body)
      : body,
  z.array(AuditLoginEventSchema)
)

function firstString(
  raw: Record<string, unknown>,
  keys: string[]
): string | null {
  const value = keys
    .map((key) => raw[key])
    .find((v) => typeof v === 'string' && v !== '')
  return typeof value === 'string' ? value : null
}

function firstTimestamp(
  raw: Record<string, unknown>,
  keys: string[]
): number | null {
  for (const key of keys) {
    const given = raw[key]
    const value =
      typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value < 1e11 ? value * 1000 : value
    }
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      return Date.parse(value)
    }
  }
  return null
}
