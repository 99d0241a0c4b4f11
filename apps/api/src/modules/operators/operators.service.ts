import type { ApiKeyListQuery, CreateApiKey } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import type { OperatorRole } from '../../generated/prisma/enums.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { OperatorsRepository } from './operators.repository.js';

const DAY_MS = 86_400_000;

/**
 * Operators and their API keys. A key's secret is returned once, at creation. An operator manages
 * its own keys; an admin anyone's. The last working admin key cannot be revoked (the fleet would
 * have no admin left to mint another).
 */
@Injectable()
export class OperatorsService {
  constructor(
    @Inject(OperatorsRepository) private readonly operators: OperatorsRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  async create(
    actor: OperatorPrincipal,
    input: { name: string; email?: string | undefined; role: OperatorRole },
    requestId: string,
  ) {
    return this.transactions.run(async () => {
      const created = await this.operators.createWithKey(input);
      await this.audit.recordOperator(actor, {
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
    return { items: await this.operators.list() };
  }

  /** Admins: every key (or one operator's); everyone else: their own, whatever they ask for. */
  async listKeys(actor: OperatorPrincipal, query: ApiKeyListQuery) {
    if (actor.role !== 'admin' && query.operatorId && query.operatorId !== actor.operatorId) {
      throw new AppError('forbidden', 'Only admins list other operators’ API keys');
    }
    const operatorId = actor.role === 'admin' ? query.operatorId : actor.operatorId;
    return { items: await this.operators.apiKeys(operatorId) };
  }

  async listOperatorKeys(actor: OperatorPrincipal, operatorId: string) {
    this.mayManage(actor, operatorId, 'list');
    if (!(await this.operators.operator(operatorId))) throw new AppError('not_found', 'Operator not found');
    return { items: await this.operators.apiKeys(operatorId) };
  }

  async createKey(actor: OperatorPrincipal, operatorId: string, input: CreateApiKey, requestId: string) {
    this.mayManage(actor, operatorId, 'create');
    const secret = issueSecret('ak');
    return this.transactions.run(async () => {
      const operator = await this.operators.operator(operatorId);
      if (!operator) throw new AppError('not_found', 'Operator not found');
      if (operator.disabledAt) {
        throw new AppError('conflict', 'The operator is disabled; its keys would not work');
      }
      const key = await this.operators.createApiKey({
        operatorId,
        name: input.name,
        prefix: secret.prefix,
        secretHash: secret.hash,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
      });
      await this.audit.recordOperator(actor, {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: key.id,
        after: key,
        requestId,
      });
      return { ...key, token: secret.token };
    });
  }

  async revokeKey(actor: OperatorPrincipal, keyId: string, requestId: string) {
    return this.transactions.run(async () => {
      const key = await this.operators.apiKey(keyId);
      // Another operator's key is "not found" to a non-admin: ids are not confirmed to exist.
      if (!key || (actor.role !== 'admin' && key.operatorId !== actor.operatorId)) {
        throw new AppError('not_found', 'API key not found');
      }
      if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
      const now = new Date();
      const working = key.operator.role === 'admin' ? await this.operators.lockWorkingAdminKeys(now) : [];
      if (working.length === 1 && working[0] === key.id) {
        throw new AppError(
          'conflict',
          'This is the last working admin API key: create another admin key first, then revoke this one',
        );
      }
      const revoked = await this.operators.revokeApiKey(keyId, now);
      await this.audit.recordOperator(actor, {
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

  private mayManage(actor: OperatorPrincipal, operatorId: string, verb: string) {
    if (actor.role !== 'admin' && actor.operatorId !== operatorId) {
      throw new AppError('forbidden', `Only admins ${verb} API keys for other operators`);
    }
  }
}
