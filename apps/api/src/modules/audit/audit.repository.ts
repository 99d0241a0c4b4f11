import { Inject, Injectable } from '@nestjs/common';
import { Database, type DbClient } from '../../infrastructure/database.js';
import { toJsonb } from '../../infrastructure/jsonb.js';

export type ActorType = 'operator' | 'robot' | 'system';

export interface AuditRow {
  actorType: ActorType;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

export interface AuditFilter {
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  actorId?: string | undefined;
  actorType?: ActorType | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Only events older than this id (the cursor of the previous page). */
  beforeId?: bigint | undefined;
  limit: number;
}

/** The before/after columns: a JSON-safe copy, or nothing. */
const toJson = (value: unknown) => (value === undefined || value === null ? undefined : toJsonb(value));

/** Inserts one event through `client` (exported for the admin CLI, which runs outside Nest). */
export async function insertAuditEvent(client: DbClient, row: AuditRow): Promise<void> {
  await client.auditEvent.create({ data: { ...row, before: toJson(row.before), after: toJson(row.after) } });
}

/** The audit_event table. Inside a use case's transaction, an event commits with the change it records. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async insert(row: AuditRow): Promise<void> {
    return insertAuditEvent(this.db.client, row);
  }

  /** Newest first; at most `limit` events. */
  async list(filter: AuditFilter) {
    return this.db.client.auditEvent.findMany({
      where: {
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.targetType ? { targetType: filter.targetType } : {}),
        ...(filter.targetId ? { targetId: filter.targetId } : {}),
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
        ...(filter.actorType ? { actorType: filter.actorType } : {}),
        ...(filter.since || filter.until
          ? {
              at: {
                ...(filter.since ? { gte: filter.since } : {}),
                ...(filter.until ? { lt: filter.until } : {}),
              },
            }
          : {}),
        ...(filter.beforeId ? { id: { lt: filter.beforeId } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit,
    });
  }
}
