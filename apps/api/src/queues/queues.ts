/**
 * Every BullMQ queue and job of the control plane, with its payload type, declared in one place.
 * BullMQ only schedules work; the state of record lives in PostgreSQL (DESIGN.md §6).
 * Every payload carries the correlation id of the request or job that caused it.
 */
export const QUEUES = {
  system: 'system',
  telemetry: 'telemetry',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Round-trip through the worker; used by health checks and tests to prove a worker is consuming. */
  'system.ping': { correlationId: string; sentAt: string };
  /** Hourly: create the coming days' telemetry partitions, drop those past retention. */
  'telemetry.maintenance': { correlationId: string };
}

export const JOBS = {
  systemPing: 'system.ping',
  telemetryMaintenance: 'telemetry.maintenance',
} as const satisfies Record<string, keyof JobPayloads>;
