import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** Dashboard sessions (only their token's hash). Writes join the caller's transaction. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async apiKeyExpiry(apiKeyId: string): Promise<Date | null> {
    const key = await this.db.client.apiKey.findUnique({
      where: { id: apiKeyId },
      select: { expiresAt: true },
    });
    return key?.expiresAt ?? null;
  }

  async create(data: {
    prefix: string;
    secretHash: string;
    operatorId: string;
    apiKeyId: string;
    expiresAt: Date;
  }) {
    return this.db.client.dashboardSession.create({ data });
  }

  async session(id: string) {
    return this.db.client.dashboardSession.findUnique({ where: { id } });
  }

  /**
   * Sessions newest first, with their operator and key (for the state), of one operator or everyone's.
   * `activeSince`: only sessions that still work — not revoked, before their expiry, seen since then
   * (the idle limit), their key neither revoked nor expired, their operator not disabled.
   */
  async list(filter: { operatorId?: string; activeSince?: Date; now: Date; limit: number }) {
    const { activeSince, now } = filter;
    return this.db.client.dashboardSession.findMany({
      where: {
        ...(filter.operatorId ? { operatorId: filter.operatorId } : {}),
        ...(activeSince
          ? {
              revokedAt: null,
              expiresAt: { gt: now },
              lastSeenAt: { gt: activeSince },
              apiKey: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
              operator: { disabledAt: null },
            }
          : {}),
      },
      include: {
        operator: { select: { name: true, disabledAt: true } },
        apiKey: { select: { name: true, revokedAt: true, expiresAt: true } },
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
    });
  }

  /** Revokes the session if it is not already; the revoked row, or null when it already was. */
  async revoke(id: string, at: Date, reason: string) {
    const { count } = await this.db.client.dashboardSession.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: at, revokedReason: reason },
    });
    return count === 1 ? this.session(id) : null;
  }
}
