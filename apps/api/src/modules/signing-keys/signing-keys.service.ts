import {
  type ConfigSigningKeyView,
  MAX_PLANNED_RETIREMENT_DAYS,
  type PlanConfigSigningKeyRetirement,
} from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import type { ConfigSigningKey } from '../../generated/prisma/client.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { KeySetWriter, newKeyId } from './key-set-writer.js';
import { SigningKeyVault } from './signing-key-vault.js';
import { SigningKeyring } from './signing-keyring.js';
import { SigningKeysRepository } from './signing-keys.repository.js';

export function signingKeyView(row: ConfigSigningKey): ConfigSigningKeyView {
  return {
    id: row.id,
    keyId: row.keyId,
    publicKey: row.publicKey,
    status: row.status,
    storage: row.encryptedPrivateKey ? 'database' : 'environment',
    development: row.development,
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    plannedRetirementAt: row.plannedRetirementAt?.toISOString() ?? null,
  };
}

/**
 * Operators rotate config-signing keys (docs/api.md, "Signing keys"): create (a standby key robots
 * learn through the next key set), activate (it signs from now on; the former active key stays on
 * standby), retire (robots stop trusting it), revoke (robots never trust it again). Each change is
 * audited and, when it changes what robots trust, signs a new key-set version in the same transaction.
 */
@Injectable()
export class SigningKeysService {
  constructor(
    @Inject(SigningKeysRepository) private readonly repository: SigningKeysRepository,
    @Inject(KeySetWriter) private readonly writer: KeySetWriter,
    @Inject(SigningKeyVault) private readonly vault: SigningKeyVault,
    @Inject(SigningKeyring) private readonly keyring: SigningKeyring,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  async list() {
    const [rows, latest] = await Promise.all([this.repository.keys(), this.repository.latestKeySet()]);
    return { items: rows.map(signingKeyView), keySet: latest ?? null };
  }

  async create(
    actor: OperatorPrincipal,
    input: { keyId?: string | undefined; reason?: string | undefined },
    requestId: string,
  ) {
    const keyId = input.keyId ?? newKeyId();
    const generated = this.vault.generate(keyId);
    if (!generated) {
      throw new AppError(
        'conflict',
        'Keys can be created here only with CONFIG_KEY_ENCRYPTION_KEY set (their private half is stored encrypted); otherwise add the key to CONFIG_SIGNING_KEYS of every process and restart',
      );
    }
    const row = await this.mutate(
      async (rows) => {
        if (rows.some((r) => r.keyId === keyId)) {
          throw new AppError('conflict', `A key with id ${keyId} exists`, [
            { path: 'keyId', message: 'is taken' },
          ]);
        }
        return this.repository.insertKey({ ...generated.sealed, createdById: actor.operatorId });
      },
      (created, keySetVersion) => ({
        action: 'config_signing_key.create',
        before: null,
        after: { ...signingKeyView(created), keySetVersion },
      }),
      actor,
      input.reason,
      requestId,
    );
    return row;
  }

  async activate(actor: OperatorPrincipal, id: string, reason: string, requestId: string) {
    return this.transition(actor, id, reason, requestId, 'config_signing_key.activate', async (row, rows) => {
      if (row.status === 'active') return row;
      if (row.status !== 'standby') {
        throw new AppError(
          'conflict',
          `Key ${row.keyId} is ${row.status}; only a standby key can be activated`,
        );
      }
      const opened = this.vault.open(row);
      if (typeof opened === 'string') throw new AppError('conflict', `Cannot activate: ${opened}`);
      const current = rows.find((r) => r.status === 'active');
      if (current) await this.repository.updateKey(current.id, { status: 'standby' });
      return this.repository.updateKey(row.id, { status: 'active', activatedAt: new Date() });
    });
  }

  async retire(actor: OperatorPrincipal, id: string, reason: string, requestId: string) {
    return this.transition(actor, id, reason, requestId, 'config_signing_key.retire', async (row) => {
      if (row.status === 'retired') return row;
      if (row.status !== 'standby') {
        throw new AppError(
          'conflict',
          row.status === 'active'
            ? `Key ${row.keyId} is active: activate another key first`
            : `Key ${row.keyId} is ${row.status}`,
        );
      }
      return this.repository.updateKey(row.id, { status: 'retired', retiredAt: new Date() });
    });
  }

  async revoke(actor: OperatorPrincipal, id: string, reason: string, requestId: string) {
    return this.transition(actor, id, reason, requestId, 'config_signing_key.revoke', async (row) => {
      if (row.status === 'revoked') return row;
      if (row.status === 'active') {
        throw new AppError(
          'conflict',
          `Key ${row.keyId} is active: activate another key first, then revoke it`,
        );
      }
      return this.repository.updateKey(row.id, { status: 'revoked', revokedAt: new Date() });
    });
  }

  /**
   * Plans (or clears, with null) when a trusted key should retire: a reminder that
   * `signing_key_retirement` alert rules watch; nothing retires the key by itself. The time must be in
   * the future and at most MAX_PLANNED_RETIREMENT_DAYS ahead (400 naming `plannedRetirementAt`).
   */
  async planRetirement(
    actor: OperatorPrincipal,
    id: string,
    input: PlanConfigSigningKeyRetirement,
    requestId: string,
    now = new Date(),
  ) {
    const at = input.plannedRetirementAt === null ? null : new Date(input.plannedRetirementAt);
    const refuse = (message: string) =>
      new AppError('validation_failed', `plannedRetirementAt ${message}`, [
        { path: 'plannedRetirementAt', message },
      ]);
    if (at && at.getTime() <= now.getTime())
      throw refuse(`must be in the future (now is ${now.toISOString()})`);
    if (at && at.getTime() > now.getTime() + MAX_PLANNED_RETIREMENT_DAYS * 86_400_000) {
      throw refuse(`must be at most ${MAX_PLANNED_RETIREMENT_DAYS} days ahead`);
    }
    return this.transition(
      actor,
      id,
      input.reason,
      requestId,
      'config_signing_key.plan_retirement',
      async (row) => {
        if (row.status === 'retired' || row.status === 'revoked') {
          throw new AppError(
            'conflict',
            `Key ${row.keyId} is ${row.status} already: there is no retirement to plan`,
          );
        }
        return this.repository.setPlannedRetirement(row.id, at);
      },
    );
  }

  private async transition(
    actor: OperatorPrincipal,
    id: string,
    reason: string,
    requestId: string,
    action: string,
    change: (row: ConfigSigningKey, rows: ConfigSigningKey[]) => Promise<ConfigSigningKey>,
  ) {
    let before: ConfigSigningKey | undefined;
    return this.mutate(
      async (rows) => {
        before = rows.find((r) => r.id === id);
        if (!before) throw new AppError('not_found', 'Config-signing key not found');
        return change(before, rows);
      },
      (after, keySetVersion) => ({
        action,
        before: before ? signingKeyView(before) : null,
        after: { ...signingKeyView(after), keySetVersion },
      }),
      actor,
      reason,
      requestId,
    );
  }

  /** One locked transaction: the change, the key set brought in line, the audit event; then every process reloads. */
  private async mutate(
    change: (rows: ConfigSigningKey[]) => Promise<ConfigSigningKey>,
    describe: (
      row: ConfigSigningKey,
      keySetVersion: number,
    ) => { action: string; before: unknown; after: unknown },
    actor: OperatorPrincipal,
    reason: string | undefined,
    requestId: string,
  ) {
    const result = await this.transactions.run(async () => {
      await this.repository.lock();
      const row = await change(await this.repository.keys());
      const set = await this.writer.sync();
      const entry = describe(row, set.version);
      await this.audit.recordOperator(actor, {
        ...entry,
        targetType: 'config_signing_key',
        targetId: row.id,
        reason: reason ?? null,
        requestId,
      });
      return { row, set };
    });
    await this.keyring.changed();
    return { ...signingKeyView(result.row), keySetVersion: result.set.version };
  }
}
