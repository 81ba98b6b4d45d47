/**
 * Zod schema for `plan.json`. An approval run reads the plan from the
 * report run's artifact, so the file is checked field by field before any
 * decision rests on it.
 */
import { z } from 'zod'
import { BUCKETS } from '../inactivity/types.js'
import type { Plan } from './types.js'

const PLAN_ID_PATTERN = /^[0-9a-f]{16}$/

const days = z.number().int().nonnegative()
// A login dated after now may give a negative span; such a user is
// `unknown` and is kept, not refused, so the plan still loads.
const signedDays = z.number().int()
const count = z.number().int().nonnegative()
const bucket = z.enum(BUCKETS)
const evidence = z.enum(['lastLoginDate', 'activity-log', 'audit-log', 'none'])
const passwordPolicyMode = z.enum(['off', 'report', 'enforce'])

const AllowlistEntrySchema = z.object({
  match: z.string(),
  reason: z.string(),
  owner: z.string(),
  expires: z.string().nullable()
})

const PlanSettingsSchema = z.object({
  inactiveDays: days,
  warnDays: days,
  neverLoggedInDays: days.nullable(),
  exclude: z.array(z.string()),
  excludeRoles: z.array(z.string()),
  excludeGroups: z.array(z.string()),
  allowlist: z.array(AllowlistEntrySchema),
  activityCheck: z.boolean(),
  auditCheck: z.boolean(),
  passwordPolicy: passwordPolicyMode
})

const CountsSchema = z.object({
  candidate: count,
  approaching: count,
  'never-logged-in': count,
  excluded: count,
  disabled: count,
  active: count,
  unknown: count,
  total: count,
  enabled: count
})

const PlanPasswordPolicySchema = z.object({
  inactivePeriodInDays: days.nullable(),
  mode: passwordPolicyMode,
  unavailable: z.string().nullable(),
  proposedInactivePeriodInDays: days.nullable()
})

const PlanCandidateSchema = z.object({
  username: z.string().min(1),
  email: z.string().nullable(),
  lastLoginDate: z.string().nullable(),
  daysInactive: days.nullable(),
  reason: z.string(),
  pastReltioPolicy: z.boolean(),
  evidence
})

const ApproachingSchema = z.object({
  username: z.string().min(1),
  email: z.string().nullable(),
  daysLeft: days,
  lastLoginDate: z.string().nullable()
})

const ClassifiedUserSchema = z.object({
  username: z.string().min(1),
  email: z.string().nullable(),
  bucket,
  reason: z.string(),
  rule: z.string().nullable(),
  lastLoginDate: z.string().nullable(),
  daysInactive: signedDays.nullable(),
  daysLeft: signedDays.nullable(),
  pastReltioPolicy: z.boolean(),
  deletionCandidate: z.boolean(),
  evidence,
  evidenceAt: z.iso.datetime().optional()
})

/** The shape of `plan.json`, version 1. */
export const PlanSchema: z.ZodType<Plan> = z.object({
  schemaVersion: z.literal(1),
  planId: z.string().regex(PLAN_ID_PATTERN, 'a plan id is 16 hex digits'),
  customerId: z.string(),
  generatedAt: z.iso.datetime(),
  runId: z.string().nullable(),
  repository: z.string().nullable(),
  settings: PlanSettingsSchema,
  counts: CountsSchema,
  passwordPolicy: PlanPasswordPolicySchema,
  candidates: z.array(PlanCandidateSchema),
  approaching: z.array(ApproachingSchema),
  users: z.array(ClassifiedUserSchema),
  expiredAllowlist: z.array(AllowlistEntrySchema),
  deletionCandidates: z.array(z.string())
})
