import { hasRole, type OperatorRole } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor, OperatorPrincipal } from '../auth/auth.types.js';
import { type ActorType, type AuditFilter, AuditRepository } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
}

/**
 * Records audit events. Call it inside the use case's transaction (Transactions.run) so the change
 * and its record commit together.
 */
@Injectable()
export class AuditService {
  constructor(@Inject(AuditRepository) private readonly events: AuditRepository) {}

  recordOperator(operator: OperatorPrincipal, entry: AuditEntry): Promise<void> {
    return this.record('operator', operator.operatorId, entry);
  }

  /** An operator's change, or the system's own (actor id = the system part's name, e.g. `autopilot`). */
  recordActor(actor: Actor, entry: AuditEntry): Promise<void> {
    return actor.kind === 'operator'
      ? this.recordOperator(actor, entry)
      : this.record('system', actor.name, entry);
  }

  record(actorType: ActorType, actorId: string | null, entry: AuditEntry): Promise<void> {
    return this.events.insert({
      actorType,
      actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before,
      after: entry.after,
      reason: entry.reason ?? null,
      requestId: entry.requestId ?? null,
    });
  }

  /** One page, newest first, with the cursor of the next (older) page when there is one. */
  /**
   * A page of events. Only admins — who may list operators — see email addresses in an event's
   * before/after (e.g. `operator.create`); for viewers and operators every `email` there reads
   * `[hidden]`.
   */
  async list(filter: AuditFilter, readerRole: OperatorRole = 'admin') {
    const rows = await this.events.list({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const redact = !hasRole(readerRole, 'admin');
    return {
      items: page.map((row) => ({
        ...row,
        id: row.id.toString(),
        ...(redact ? { before: hideEmails(row.before), after: hideEmails(row.after) } : {}),
      })),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]?.id.toString() : undefined,
    };
  }
}

/** The same JSON with the value of every `email` key replaced by `[hidden]`. */
function hideEmails<T>(value: T): T {
  if (Array.isArray(value)) return value.map(hideEmails) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      key.toLowerCase() === 'email' && member !== null ? '[hidden]' : hideEmails(member),
    ]),
  ) as T;
}
