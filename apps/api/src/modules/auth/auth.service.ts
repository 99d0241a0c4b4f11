import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { hashToken, tokenMatches, tokenPrefix } from '../../common/secrets.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import type { OperatorPrincipal, RobotPrincipal } from './auth.types.js';

const unauthorized = (message: string) =>
  new AppError('unauthorized', message, undefined, { 'www-authenticate': 'Bearer realm="aura-fleet"' });

/** Resolves bearer credentials to principals. Secrets are compared by hash only. */
const ROBOT_CACHE_TTL_MS = 60_000;
const ROBOT_CACHE_MAX = 100_000;

@Injectable()
export class AuthService {
  /**
   * Verified robot secrets (by hash) → robot id, for a minute: agents call every few seconds and the
   * lookup would otherwise cost a database round trip per request. Only successes are cached.
   */
  private readonly robotCache = new Map<string, { robotId: string; expires: number }>();

  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  static bearer(header: string | string[] | undefined): string {
    if (typeof header !== 'string' || header.length === 0)
      throw unauthorized('Missing Authorization: Bearer header');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
    return match[1];
  }

  async operator(token: string): Promise<OperatorPrincipal> {
    const prefix = tokenPrefix(token, 'ak');
    const key = prefix
      ? await this.prisma.apiKey.findUnique({ where: { prefix }, include: { operator: true } })
      : null;
    const now = new Date();
    if (
      !key ||
      !tokenMatches(token, key.secretHash) ||
      key.revokedAt ||
      (key.expiresAt && key.expiresAt <= now) ||
      key.operator.disabledAt
    ) {
      throw unauthorized('Invalid, expired or revoked API key');
    }
    // Last use is informative; at most one write a minute per key.
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
      await this.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
    }
    return {
      kind: 'operator',
      operatorId: key.operatorId,
      apiKeyId: key.id,
      name: key.operator.name,
      role: key.operator.role,
    };
  }

  async robot(token: string): Promise<RobotPrincipal> {
    const key = hashToken(token);
    const cached = this.robotCache.get(key);
    if (cached && cached.expires > Date.now()) return { kind: 'robot', robotId: cached.robotId };
    const prefix = tokenPrefix(token, 'rs');
    const robot = prefix
      ? await this.prisma.robot.findUnique({
          where: { secretPrefix: prefix },
          select: { id: true, secretHash: true },
        })
      : null;
    if (!robot || !tokenMatches(token, robot.secretHash)) throw unauthorized('Invalid robot credentials');
    if (this.robotCache.size >= ROBOT_CACHE_MAX) this.robotCache.clear();
    this.robotCache.set(key, { robotId: robot.id, expires: Date.now() + ROBOT_CACHE_TTL_MS });
    return { kind: 'robot', robotId: robot.id };
  }
}
