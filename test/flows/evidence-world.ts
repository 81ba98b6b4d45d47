/**
 * A Reltio simulator holding hand-made activity records and audit events,
 * and a real client for it, for the second-opinion tests.
 */
import type { ReltioClientOptions } from '../../src/reltio/client.ts'
import {
  startReltioSimulator,
  type ActivityRecord,
  type AuditEvent,
  type ReltioSimulator,
  type SwitchPatch
} from '../../sim/reltio/server.ts'
import {
  closedAfterEach,
  connectWorld,
  type SimWorld
} from '../support/reltio-sim.ts'

export const NOW = new Date('2026-03-01T00:00:00.000Z')
export const DAY_MS = 86_400_000

/** Epoch ms `days` before NOW. */
export function daysAgo(days: number): number {
  return NOW.getTime() - days * DAY_MS
}

/** An activity record of `user`, as the simulator serves it. */
export function activityOf(user: string, days: number): ActivityRecord {
  return {
    uri: `activities/${user}-${days}`,
    user,
    label: 'ENTITY_CHANGED',
    description: 'Entity changed',
    timestamp: daysAgo(days),
    items: []
  }
}

/** A security-audit event of `username`. */
export function eventOf(
  username: string,
  eventType: string,
  days: number
): AuditEvent {
  return {
    timestamp: daysAgo(days),
    username,
    customerId: 'AcmeCorp',
    eventType,
    ip: '10.0.0.1',
    userAgent: 'reltio-client/2.4'
  }
}

/** The simulator with its log entries and the admin client connected. */
export type EvidenceWorld = SimWorld

/** Starts the simulator with these log entries and connects the admin client. */
export async function startEvidenceWorld(setup: {
  activities?: ActivityRecord[]
  auditEvents?: AuditEvent[]
  switches?: SwitchPatch
  /** Client options, or a function of the simulator giving them. */
  client?:
    | Partial<ReltioClientOptions>
    | ((sim: ReltioSimulator) => Partial<ReltioClientOptions>)
}): Promise<EvidenceWorld> {
  const sim = await startReltioSimulator({
    users: [],
    now: NOW,
    activities: setup.activities ?? [],
    auditEvents: setup.auditEvents ?? [],
    switches: setup.switches
  })
  return connectWorld(sim, {
    concurrency: 8,
    ...(typeof setup.client === 'function' ? setup.client(sim) : setup.client)
  })
}

/** startEvidenceWorld, for a test file: each test's world closes after it. */
export function evidenceWorldPerTest(): typeof startEvidenceWorld {
  return closedAfterEach(startEvidenceWorld)
}

/** The recorded requests to a path, token requests never included. */
export function requestsTo(
  sim: ReltioSimulator,
  path: string
): ReltioSimulator['requests'] {
  return sim.requests.filter((r) => r.path.endsWith(path))
}

/** The usernames each recorded audit export asked for, in order. */
export function exportedNames(sim: ReltioSimulator): string[][] {
  return requestsTo(sim, '/audit/export')
    .filter((r) => r.status === 200)
    .map((r) => (r.body as { usernames: string[] }).usernames)
}
