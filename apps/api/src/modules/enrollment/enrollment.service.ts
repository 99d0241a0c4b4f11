import { type EnrollRequest, type EnrollResponse, publicConfigKey } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret, tokenMatches, tokenPrefix } from '../../common/secrets.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';

export interface CreateTokenInput {
  name: string;
  expiresInHours: number;
  maxUses: number;
  groupId?: string | undefined;
  tags: string[];
}

function publicToken(row: {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  groupId: string | null;
  tags: string[];
  createdAt: Date;
  revokedAt: Date | null;
}) {
  const { id, name, prefix, expiresAt, maxUses, uses, groupId, tags, createdAt, revokedAt } = row;
  return { id, name, prefix, expiresAt, maxUses, uses, groupId, tags, createdAt, revokedAt };
}

@Injectable()
export class EnrollmentService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createToken(operator: OperatorPrincipal, input: CreateTokenInput, requestId: string) {
    const secret = issueSecret('et');
    return this.prisma.$transaction(async (tx) => {
      if (input.groupId && !(await tx.robotGroup.findUnique({ where: { id: input.groupId } }))) {
        throw new AppError('validation_failed', 'Unknown group', [
          { path: 'groupId', message: 'no such group' },
        ]);
      }
      const row = await tx.enrollmentToken.create({
        data: {
          name: input.name,
          prefix: secret.prefix,
          secretHash: secret.hash,
          expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
          maxUses: input.maxUses,
          groupId: input.groupId ?? null,
          tags: input.tags,
          createdById: operator.operatorId,
        },
      });
      await this.audit.recordOperator(tx, operator, {
        action: 'enrollment_token.create',
        targetType: 'enrollment_token',
        targetId: row.id,
        after: publicToken(row),
        requestId,
      });
      return { ...publicToken(row), token: secret.token };
    });
  }

  async listTokens() {
    const rows = await this.prisma.enrollmentToken.findMany({ orderBy: { createdAt: 'desc' }, take: 500 });
    return { items: rows.map(publicToken) };
  }

  async revokeToken(operator: OperatorPrincipal, id: string, requestId: string) {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.enrollmentToken.findUnique({ where: { id } });
      if (!before) throw new AppError('not_found', 'Enrollment token not found');
      if (before.revokedAt) return publicToken(before);
      const after = await tx.enrollmentToken.update({ where: { id }, data: { revokedAt: new Date() } });
      await this.audit.recordOperator(tx, operator, {
        action: 'enrollment_token.revoke',
        targetType: 'enrollment_token',
        targetId: id,
        before: publicToken(before),
        after: publicToken(after),
        requestId,
      });
      return publicToken(after);
    });
  }

  /** A robot exchanges a token for its own secret; it starts on the fleet's default policy. */
  async enroll(request: EnrollRequest, requestId: string): Promise<EnrollResponse> {
    const invalid = () =>
      new AppError('unauthorized', 'Invalid, expired, revoked or used-up enrollment token');
    const prefix = tokenPrefix(request.enrollmentToken, 'et');
    if (!prefix) throw invalid();
    const secret = issueSecret('rs');
    const robotId = await this.prisma.$transaction(async (tx) => {
      // Lock the token row so concurrent enrolments cannot exceed its use limit.
      const [token] = await tx.$queryRaw<
        {
          id: string;
          secret_hash: string;
          expires_at: Date;
          max_uses: number;
          uses: number;
          revoked_at: Date | null;
          group_id: string | null;
          tags: string[];
        }[]
      >`SELECT id, secret_hash, expires_at, max_uses, uses, revoked_at, group_id, tags
          FROM enrollment_token WHERE prefix = ${prefix} FOR UPDATE`;
      if (
        !token ||
        !tokenMatches(request.enrollmentToken, token.secret_hash) ||
        token.revoked_at ||
        token.expires_at <= new Date() ||
        token.uses >= token.max_uses
      ) {
        throw invalid();
      }
      await tx.enrollmentToken.update({ where: { id: token.id }, data: { uses: { increment: 1 } } });
      const settings = await tx.fleetSettings.findUnique({ where: { id: 1 } });
      if (!settings?.defaultPolicyVersionId)
        throw new AppError('conflict', 'The fleet has no default policy version');
      const robot = await tx.robot.create({
        data: {
          name: request.name ?? `robot-${secret.prefix.slice(3)}`,
          secretPrefix: secret.prefix,
          secretHash: secret.hash,
          hardware: request.hardware ?? undefined,
          tags: token.tags,
          enrollmentTokenId: token.id,
          ...(token.group_id ? { groups: { create: { groupId: token.group_id } } } : {}),
        },
      });
      await this.configs.issue(tx, [robot.id], settings.defaultPolicyVersionId);
      await this.audit.record(tx, 'robot', robot.id, {
        action: 'robot.enroll',
        targetType: 'robot',
        targetId: robot.id,
        after: { name: robot.name, tags: robot.tags, enrollmentTokenId: token.id },
        requestId,
      });
      return robot.id;
    });
    return {
      robotId,
      robotSecret: secret.token,
      configKeys: this.config.signing.keys.map(publicConfigKey),
    };
  }
}
