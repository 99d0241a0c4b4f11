import type { DashboardSessionListQuery } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { dashboardSessionState } from '../auth/dashboard-session-state.js';
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

  /**
   * Sessions newest first: an admin's of everyone (or of `operatorId`), anyone else's their own. Each
   * with its state as AuthService would judge it now, and the caller's own session marked.
   */
  async list(actor: OperatorPrincipal, query: DashboardSessionListQuery) {
    if (actor.role !== 'admin' && query.operatorId && query.operatorId !== actor.operatorId) {
      throw new AppError('forbidden', 'Only admins list other operators’ sessions');
    }
    const now = new Date();
    const { idleMs } = this.config.dashboardSessions;
    const rows = await this.sessions.list({
      operatorId: actor.role === 'admin' ? query.operatorId : actor.operatorId,
      activeSince: query.state === 'active' ? new Date(now.getTime() - idleMs) : undefined,
      now,
      limit: query.limit,
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        operatorId: row.operatorId,
        operatorName: row.operator.name,
        apiKeyId: row.apiKeyId,
        apiKeyName: row.apiKey.name,
        prefix: row.prefix,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
        revokedReason: row.revokedReason,
        state: dashboardSessionState(row, row.operator, now, idleMs),
        current: row.id === actor.sessionId,
      })),
    };
  }

  /**
   * Ends a session at once (a lost laptop's, a departed colleague's): one's own, or anyone's for an
   * admin. Another operator's session is "not found" to a non-admin. Audited as
   * dashboard_session.revoke.
   */
  async revoke(actor: OperatorPrincipal, id: string, requestId: string) {
    return this.transactions.run(async () => {
      const row = await this.sessions.session(id);
      if (!row || (actor.role !== 'admin' && row.operatorId !== actor.operatorId)) {
        throw new AppError('not_found', 'Dashboard session not found');
      }
      const revoked = await this.sessions.revoke(id, new Date(), 'revoked');
      if (!revoked?.revokedAt) {
        throw new AppError(
          'conflict',
          `This session was already ${row.revokedReason === 'sign_out' ? 'signed out' : 'revoked'}`,
        );
      }
      await this.audit.recordOperator(actor, {
        action: 'dashboard_session.revoke',
        targetType: 'dashboard_session',
        targetId: id,
        before: { operatorId: row.operatorId, revokedAt: null },
        after: { revokedAt: revoked.revokedAt, revokedReason: revoked.revokedReason },
        requestId,
      });
      return { id, revokedAt: revoked.revokedAt };
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
