import type { EnrollmentTokenListQuery, EnrollRequest, EnrollResponse } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret, tokenMatches, tokenPrefix } from '../../common/secrets.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../infrastructure/database.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { ClientThrottle } from '../auth/client-throttle.js';
import { SigningKeyring } from '../signing-keys/signing-keyring.js';
import { EnrollmentRepository } from './enrollment.repository.js';

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

/**
 * The opaque cursor of the token list: base64url of `<createdAt ms>.<id>` of a page's last row.
 * Opaque to callers, so the order's key may change without a contract change.
 */
export function encodeTokenCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.getTime()}.${row.id}`).toString('base64url');
}

export function decodeTokenCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match?.[1] || !match[2]) {
    throw new AppError('validation_failed', 'Invalid query: cursor is not one this API returned', [
      { path: 'cursor', message: 'must be a nextCursor returned by a previous page' },
    ]);
  }
  return { createdAt: new Date(Number(match[1])), id: match[2] };
}

@Injectable()
export class EnrollmentService {
  constructor(
    @Inject(EnrollmentRepository) private readonly enrollment: EnrollmentRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(ClientThrottle) private readonly throttle: ClientThrottle,
    @Inject(SigningKeyring) private readonly keyring: SigningKeyring,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createToken(operator: OperatorPrincipal, input: CreateTokenInput, requestId: string) {
    // The deployment's limits (ENROLLMENT_TOKEN_MAX_*), beyond the contract's absolute ones.
    const limits = this.config.enrollmentTokens;
    const over = [
      ...(input.expiresInHours > limits.maxLifetimeHours
        ? [
            {
              path: 'expiresInHours',
              message: `must be at most ${limits.maxLifetimeHours} (ENROLLMENT_TOKEN_MAX_LIFETIME_HOURS)`,
            },
          ]
        : []),
      ...(input.maxUses > limits.maxUses
        ? [{ path: 'maxUses', message: `must be at most ${limits.maxUses} (ENROLLMENT_TOKEN_MAX_USES)` }]
        : []),
    ];
    if (over.length > 0) {
      throw new AppError(
        'validation_failed',
        `Invalid body: ${over.map((d) => `${d.path} ${d.message}`).join('; ')}`,
        over,
      );
    }
    const secret = issueSecret('et');
    return this.transactions.run(async () => {
      if (input.groupId && !(await this.enrollment.groupExists(input.groupId))) {
        throw new AppError('validation_failed', 'Unknown group', [
          { path: 'groupId', message: 'no such group' },
        ]);
      }
      const row = await this.enrollment.createToken({
        name: input.name,
        prefix: secret.prefix,
        secretHash: secret.hash,
        expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
        maxUses: input.maxUses,
        groupId: input.groupId ?? null,
        tags: input.tags,
        createdById: operator.operatorId,
      });
      await this.audit.recordOperator(operator, {
        action: 'enrollment_token.create',
        targetType: 'enrollment_token',
        targetId: row.id,
        after: publicToken(row),
        requestId,
      });
      return { ...publicToken(row), token: secret.token };
    });
  }

  /** One page of tokens, newest first; `nextCursor` continues after its last row (keyset paging). */
  async listTokens(query: EnrollmentTokenListQuery) {
    if (query.cursor && query.offset > 0) {
      throw new AppError('validation_failed', 'Invalid query: pass either cursor or offset, not both', [
        { path: 'offset', message: 'cannot be combined with cursor' },
      ]);
    }
    const after = query.cursor ? decodeTokenCursor(query.cursor) : undefined;
    const { total, rows, more } = await this.enrollment.listTokens(
      query.limit,
      after ? { after } : { offset: query.offset },
    );
    const last = rows.at(-1);
    return {
      total,
      limit: query.limit,
      offset: after ? 0 : query.offset,
      items: rows.map(publicToken),
      ...(more && last ? { nextCursor: encodeTokenCursor(last) } : {}),
    };
  }

  async revokeToken(operator: OperatorPrincipal, id: string, requestId: string) {
    return this.transactions.run(async () => {
      const before = await this.enrollment.token(id);
      if (!before) throw new AppError('not_found', 'Enrollment token not found');
      if (before.revokedAt) return publicToken(before);
      const after = await this.enrollment.revokeToken(id, new Date());
      await this.audit.recordOperator(operator, {
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
  /** `clientAddress`: attempts that reach PostgreSQL are throttled per address (failures count). */
  async enroll(request: EnrollRequest, requestId: string, clientAddress?: string): Promise<EnrollResponse> {
    const invalid = () =>
      new AppError('unauthorized', 'Invalid, expired, revoked or used-up enrollment token');
    const prefix = tokenPrefix(request.enrollmentToken, 'et');
    if (!prefix) throw invalid();
    const secret = issueSecret('rs');
    // The keys of the newest key set; the robot's version 0 is this version (key updates follow it).
    const trusted = this.keyring.enrolmentKeys();
    const robotId = await this.throttle.around('enroll', clientAddress, async () => {
      // Checked without a lock first (a bad token costs one indexed read and no transaction) …
      const token = await this.enrollment.tokenByPrefix(prefix);
      const usable = (t: typeof token) =>
        t &&
        tokenMatches(request.enrollmentToken, t.secretHash) &&
        !t.revokedAt &&
        t.expiresAt > new Date() &&
        t.uses < t.maxUses;
      if (!token || !usable(token)) throw invalid();
      const defaultVersionId = await this.configs.fleetDefaultVersionId();
      if (!defaultVersionId) throw new AppError('conflict', 'The fleet has no default policy version');
      // … then one transaction whose last statement takes a use of the token, conditionally: the
      // token's row lock is held from there to the commit only, so a fleet enrolling at once with one
      // token queues for milliseconds each (it held the lock, and a pooled connection, for the whole
      // transaction: 45 of 60 simultaneous enrolments failed with 503). The use limit holds exactly.
      return this.transactions.run(
        async () => {
          const robot = await this.enrollment.createRobot({
            name: request.name ?? `robot-${secret.prefix.slice(3)}`,
            secretPrefix: secret.prefix,
            secretHash: secret.hash,
            hardware: request.hardware,
            tags: token.tags,
            enrollmentTokenId: token.id,
            groupId: token.groupId,
            enrolledKeySetVersion: trusted.version,
          });
          await this.configs.issue([robot.id], defaultVersionId);
          await this.audit.record('robot', robot.id, {
            action: 'robot.enroll',
            targetType: 'robot',
            targetId: robot.id,
            after: { name: robot.name, tags: robot.tags, enrollmentTokenId: token.id },
            requestId,
          });
          if (!(await this.enrollment.takeTokenUse(token.id))) throw invalid();
          return robot.id;
        },
        // A fleet enrolling at once on a busy host ran past Prisma's 5 s default and got 503s (the
        // chaos run, ~30 robots at load 19); the token's row lock is taken last, so a longer limit
        // does not lengthen the queue behind it.
        { maxWaitMs: 10_000, timeoutMs: 15_000 },
      );
    });
    return {
      robotId,
      robotSecret: secret.token,
      configKeys: trusted.keys,
    };
  }
}
