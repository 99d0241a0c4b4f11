import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { hashToken, tokenMatches, tokenPrefix } from '../../common/secrets.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuthRepository } from './auth.repository.js';
import type { OperatorPrincipal, RobotPrincipal } from './auth.types.js';
import { ClientThrottle } from './client-throttle.js';
import { CredentialEpoch } from './credential-epoch.js';
import { dashboardSessionState } from './dashboard-session-state.js';
import { RobotCredentialCache } from './robot-credential-cache.js';
import { RobotSecretLookup } from './robot-secret-lookup.js';

const unauthorized = (message: string) =>
  new AppError('unauthorized', message, undefined, { 'www-authenticate': 'Bearer realm="aura-fleet"' });

/** Resolves bearer credentials to principals. Secrets are compared by hash only. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(AuthRepository) private readonly credentials: AuthRepository,
    @Inject(ClientThrottle) private readonly throttle: ClientThrottle,
    @Inject(CredentialEpoch) private readonly epoch: CredentialEpoch,
    @Inject(RobotSecretLookup) private readonly robotSecrets: RobotSecretLookup,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Verified robot secrets (only successes), re-checked in bulk: agents call every few seconds.
    @Inject(RobotCredentialCache) private readonly robotCache: RobotCredentialCache,
  ) {}

  static bearer(header: string | string[] | undefined): string {
    if (typeof header !== 'string' || header.length === 0)
      throw unauthorized('Missing Authorization: Bearer header');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <token>"');
    return match[1];
  }

  /** `clientAddress`: a look-up that reaches PostgreSQL is throttled per address (ClientThrottle). */
  async operator(token: string, clientAddress?: string): Promise<OperatorPrincipal> {
    if (tokenPrefix(token, 'ds')) return this.session(token, clientAddress);
    const prefix = tokenPrefix(token, 'ak');
    if (!prefix) throw unauthorized('Invalid, expired or revoked API key');
    const now = new Date();
    const key = await this.throttle.around('auth', clientAddress, async () => {
      const found = await this.credentials.apiKeyByPrefix(prefix);
      if (!found || !tokenMatches(token, found.secretHash)) {
        throw unauthorized('Invalid, expired or revoked API key');
      }
      // The caller holds the key itself from here on: say why it no longer works.
      if (found.revokedAt) throw unauthorized(`This API key was revoked at ${found.revokedAt.toISOString()}`);
      if (found.expiresAt && found.expiresAt <= now) {
        throw unauthorized(
          `This API key expired at ${found.expiresAt.toISOString()}; create a new one (aura keys create)`,
        );
      }
      if (found.operator.disabledAt) throw unauthorized('This API key’s operator is disabled');
      return found;
    });
    // Last use is informative; at most one write a minute per key.
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
      await this.credentials.touchApiKey(key.id, now);
    }
    return {
      kind: 'operator',
      operatorId: key.operatorId,
      apiKeyId: key.id,
      name: key.operator.name,
      role: key.operator.role,
    };
  }

  /**
   * A dashboard session token (docs/dashboard.md, "Sessions"): the operator of the API key
   * the session was opened with, while the session is neither revoked, past its age or idle limit, nor
   * its key revoked or expired, nor its operator disabled. Checked in PostgreSQL on every request, so
   * an end takes effect at once on every API process and for every dashboard process.
   */
  private async session(token: string, clientAddress?: string): Promise<OperatorPrincipal> {
    const ended = unauthorized('Your dashboard session has ended; sign in again');
    const prefix = tokenPrefix(token, 'ds');
    if (!prefix) throw ended;
    const now = new Date();
    const { idleMs } = this.config.dashboardSessions;
    const session = await this.throttle.around('auth', clientAddress, async () => {
      const found = await this.credentials.sessionByPrefix(prefix);
      if (!found || !tokenMatches(token, found.secretHash)) throw ended;
      if (dashboardSessionState(found, found.apiKey.operator, now, idleMs) !== 'active') throw ended;
      return found;
    });
    // The idle clock: at most one write a minute per session (idle limits are minutes or more).
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.credentials.touchSession(session.id, now);
    }
    return {
      kind: 'operator',
      operatorId: session.operatorId,
      apiKeyId: session.apiKeyId,
      name: session.apiKey.operator.name,
      role: session.apiKey.operator.role,
      sessionId: session.id,
    };
  }

  async robot(token: string, clientAddress?: string): Promise<RobotPrincipal> {
    const key = hashToken(token);
    // Read the epoch before the database: an entry is cached under the epoch that was current before
    // its lookup, so a decommission committed meanwhile (which changes the epoch after) voids it.
    const epoch = await this.epoch.current();
    const cached = this.robotCache.get(key, epoch);
    if (cached) return { kind: 'robot', robotId: cached };
    const checkedAt = Date.now();
    const prefix = tokenPrefix(token, 'rs');
    if (!prefix) throw unauthorized('Invalid robot credentials');
    const robot = await this.throttle.around('auth', clientAddress, async () => {
      // Coalesced with other robots' first contacts: one query for the look-ups of a few ms.
      const found = await this.robotSecrets.byPrefix(prefix);
      if (!found || !tokenMatches(token, found.secretHash)) throw unauthorized('Invalid robot credentials');
      if (found.decommissionedAt) {
        throw unauthorized('This robot was decommissioned; its credentials no longer work');
      }
      return found;
    });
    if (epoch !== undefined) this.robotCache.set(key, robot.id, epoch, checkedAt);
    return { kind: 'robot', robotId: robot.id };
  }
}
