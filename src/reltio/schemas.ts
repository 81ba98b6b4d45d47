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
