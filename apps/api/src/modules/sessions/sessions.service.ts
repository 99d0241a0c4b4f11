import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { SessionsRepository } from './sessions.repository.js';

/**
 * Dashboard sessions (docs/dashboard.md, "Sessions"): an operator signs in to the dashboard
 * with an API key, which opens a session here; the dashboard keeps only the session token (in the
 * browser's httpOnly cookie) and calls the API with it, as that operator with that key's role. The
 * session ends on sign-out, at its age or idle limit, or when its key or operator stops working
 * (AuthService checks each request). Sign-in and sign-out are audited.
 */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sign-in: only an API key opens a session (a session cannot extend itself by opening another). */
  async open(operator: OperatorPrincipal, requestId: string) {
    if (operator.sessionId) {
      throw new AppError('forbidden', 'A session is opened with an API key, not with another session');
    }
    const { maxAgeMs, idleMs } = this.config.dashboardSessions;
    const secret = issueSecret('ds');
    return this.transactions.run(async () => {
      // Never past the key's own expiry.
      const keyExpiry = await this.sessions.apiKeyExpiry(operator.apiKeyId);
      const maxAge = new Date(Date.now() + maxAgeMs);
      const expiresAt = keyExpiry && keyExpiry < maxAge ? keyExpiry : maxAge;
      const row = await this.sessions.create({
        prefix: secret.prefix,
        secretHash: secret.hash,
        operatorId: operator.operatorId,
        apiKeyId: operator.apiKeyId,
        expiresAt,
      });
      await this.audit.recordOperator(operator, {
        action: 'dashboard_session.sign_in',
        targetType: 'dashboard_session',
        targetId: row.id,
        after: { apiKeyId: row.apiKeyId, expiresAt: row.expiresAt },
        requestId,
      });
      return { ...this.describe(operator, row, idleMs), token: secret.token };
    });
  }

  /** The calling session (the dashboard resolves its cookie with it on every page). */
  async current(operator: OperatorPrincipal) {
    const row = operator.sessionId ? await this.sessions.session(operator.sessionId) : null;
    if (!row) throw notASession();
    return this.describe(operator, row, this.config.dashboardSessions.idleMs);
  }

  /** Sign-out: the calling session ends at once, for every dashboard process. */
  async revokeCurrent(operator: OperatorPrincipal, requestId: string) {
    const sessionId = operator.sessionId;
    if (!sessionId) throw notASession();
    return this.transactions.run(async () => {
      const now = new Date();
      const revoked = await this.sessions.revoke(sessionId, now, 'sign_out');
      if (!revoked?.revokedAt) throw new AppError('unauthorized', 'This session has already ended');
      await this.audit.recordOperator(operator, {
        action: 'dashboard_session.sign_out',
        targetType: 'dashboard_session',
        targetId: sessionId,
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt },
        requestId,
      });
      return { id: sessionId, revokedAt: revoked.revokedAt };
    });
  }

  private describe(
    operator: OperatorPrincipal,
    row: { id: string; apiKeyId: string; createdAt: Date; expiresAt: Date },
    idleMs: number,
  ) {
    return {
      id: row.id,
      operatorId: operator.operatorId,
      name: operator.name,
      role: operator.role,
      apiKeyId: row.apiKeyId,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      idleTimeoutSeconds: Math.round(idleMs / 1000),
    };
  }
}

const notASession = () =>
  new AppError('forbidden', 'This endpoint takes a dashboard session token (aura_ds_…), not an API key');
