import type { HardwareInfo } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { Database } from '../../infrastructure/database.js';

/** Enrolment tokens and the robots they enrol. Writes join the caller's transaction. */
@Injectable()
export class EnrollmentRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async groupExists(id: string): Promise<boolean> {
    return (await this.db.client.robotGroup.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async createToken(data: {
    name: string;
    prefix: string;
    secretHash: string;
    expiresAt: Date;
    maxUses: number;
    groupId: string | null;
    tags: string[];
    createdById: string;
  }) {
    return this.db.client.enrollmentToken.create({ data });
  }

  /**
   * One page, newest first (ties by id), and how many in all. After `after` (the last row of the
   * previous page: keyset paging, stable while tokens are created) or, deprecated, `offset` rows in.
   * One more row than `limit` is read, to tell whether a next page exists.
   */
  async listTokens(limit: number, page: { offset: number } | { after: { createdAt: Date; id: string } }) {
    const where: Prisma.EnrollmentTokenWhereInput =
      'after' in page
        ? {
            OR: [
              { createdAt: { lt: page.after.createdAt } },
              { createdAt: page.after.createdAt, id: { gt: page.after.id } },
            ],
          }
        : {};
    const [total, rows] = await Promise.all([
      this.db.client.enrollmentToken.count(),
      this.db.client.enrollmentToken.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: limit + 1,
        ...('offset' in page ? { skip: page.offset } : {}),
      }),
    ]);
    return { total, rows: rows.slice(0, limit), more: rows.length > limit };
  }

  async token(id: string) {
    return this.db.client.enrollmentToken.findUnique({ where: { id } });
  }

  async revokeToken(id: string, at: Date) {
    return this.db.client.enrollmentToken.update({ where: { id }, data: { revokedAt: at } });
  }

  /** The token with this prefix (no lock: takeTokenUse is the guarded step). */
  async tokenByPrefix(prefix: string) {
    return this.db.client.enrollmentToken.findUnique({ where: { prefix } });
  }

  /**
   * Takes one use of the token if it still has one and is neither revoked nor expired, in one
   * statement (its row lock serialises concurrent enrolments, so the use limit holds exactly).
   */
  async takeTokenUse(id: string): Promise<boolean> {
    const taken = await this.db.client.$executeRaw`
      UPDATE enrollment_token SET uses = uses + 1
       WHERE id = ${id}::uuid AND uses < max_uses AND revoked_at IS NULL AND expires_at > now()`;
    return taken === 1;
  }

  async createRobot(data: {
    name: string;
    secretPrefix: string;
    secretHash: string;
    hardware: HardwareInfo | undefined;
    tags: string[];
    enrollmentTokenId: string;
    groupId: string | null;
    enrolledKeySetVersion: number;
  }) {
    const { groupId, hardware, ...rest } = data;
    return this.db.client.robot.create({
      data: {
        ...rest,
        ...(hardware ? { hardware: hardware as Prisma.InputJsonObject } : {}),
        ...(groupId ? { groups: { create: { groupId } } } : {}),
      },
    });
  }
}
