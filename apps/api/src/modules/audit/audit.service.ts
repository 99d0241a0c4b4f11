import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
}

/** JSON-safe copy (BigInt → string, Date → ISO) for the before/after columns. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Writes audit events, inside the caller's transaction so the change and its record commit together. */
@Injectable()
export class AuditService {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  async recordOperator(tx: Tx, operator: OperatorPrincipal, entry: AuditEntry) {
    await this.record(tx, 'operator', operator.operatorId, entry);
  }

  async record(
    tx: Tx,
    actorType: 'operator' | 'robot' | 'system',
    actorId: string | null,
    entry: AuditEntry,
  ) {
    await tx.auditEvent.create({
      data: {
        actorType,
        actorId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        before: toJson(entry.before),
        after: toJson(entry.after),
        reason: entry.reason ?? null,
        requestId: entry.requestId ?? null,
      },
    });
  }

  async list(filter: {
    action?: string;
    targetType?: string;
    targetId?: string;
    actorId?: string;
    since?: Date;
    until?: Date;
    beforeId?: bigint;
    limit: number;
  }) {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.targetType ? { targetType: filter.targetType } : {}),
        ...(filter.targetId ? { targetId: filter.targetId } : {}),
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
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
      take: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((row) => ({ ...row, id: row.id.toString() })),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]?.id.toString() : undefined,
    };
  }
}
