import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import type { Prisma } from '../../generated/prisma/client.js';
import type { OperatorRole } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';

type Tx = Prisma.TransactionClient;

/** Operators and their API keys. A key's secret is returned once, at creation. */
@Injectable()
export class OperatorsService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Creates an operator with a first API key (also used by the admin CLI and the demo seed). */
  static async createWithKey(
    tx: Tx,
    input: { name: string; email?: string | undefined; role: OperatorRole; keyName?: string | undefined },
  ) {
    if (input.email && (await tx.operator.findUnique({ where: { email: input.email } }))) {
      throw new AppError('conflict', `An operator with email ${input.email} already exists`, [
        { path: 'email', message: 'is taken' },
      ]);
    }
    const operator = await tx.operator.create({
      data: { name: input.name, email: input.email ?? null, role: input.role },
    });
    const secret = issueSecret('ak');
    const key = await tx.apiKey.create({
      data: {
        operatorId: operator.id,
        name: input.keyName ?? 'default',
        prefix: secret.prefix,
        secretHash: secret.hash,
      },
    });
    return { operator, apiKey: { id: key.id, name: key.name, prefix: key.prefix, token: secret.token } };
  }

  async create(
    actor: OperatorPrincipal,
    input: { name: string; email?: string | undefined; role: OperatorRole },
    requestId: string,
  ) {
    return this.prisma.$transaction(async (tx) => {
      const created = await OperatorsService.createWithKey(tx, input);
      await this.audit.recordOperator(tx, actor, {
        action: 'operator.create',
        targetType: 'operator',
        targetId: created.operator.id,
        after: { ...created.operator, apiKey: { id: created.apiKey.id, prefix: created.apiKey.prefix } },
        requestId,
      });
      return created;
    });
  }

  async list() {
    const rows = await this.prisma.operator.findMany({
      orderBy: { createdAt: 'asc' },
      include: {
        apiKeys: {
          select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
        },
      },
    });
    return { items: rows };
  }

  async revokeKey(actor: OperatorPrincipal, keyId: string, requestId: string) {
    return this.prisma.$transaction(async (tx) => {
      const key = await tx.apiKey.findUnique({ where: { id: keyId } });
      if (!key) throw new AppError('not_found', 'API key not found');
      if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
      const revoked = await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
      await this.audit.recordOperator(tx, actor, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: keyId,
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt },
        requestId,
      });
      return { id: revoked.id, revokedAt: revoked.revokedAt };
    });
  }
}
