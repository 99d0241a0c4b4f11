import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { issueSecret } from '../../common/secrets.js';
import type { OperatorRole } from '../../generated/prisma/enums.js';
import { Database, type DbClient } from '../../infrastructure/database.js';

export interface NewOperator {
  name: string;
  email?: string | undefined;
  role: OperatorRole;
  keyName?: string | undefined;
}

/**
 * Creates an operator with a first API key through `client` (a transaction's). Exported for the
 * admin CLI, which runs outside the Nest application; everything else calls the repository.
 */
export async function insertOperatorWithKey(client: DbClient, input: NewOperator) {
  if (input.email && (await client.operator.findUnique({ where: { email: input.email } }))) {
    throw new AppError('conflict', `An operator with email ${input.email} already exists`, [
      { path: 'email', message: 'is taken' },
    ]);
  }
  const operator = await client.operator.create({
    data: { name: input.name, email: input.email ?? null, role: input.role },
  });
  const secret = issueSecret('ak');
  const key = await client.apiKey.create({
    data: {
      operatorId: operator.id,
      name: input.keyName ?? 'default',
      prefix: secret.prefix,
      secretHash: secret.hash,
    },
  });
  return { operator, apiKey: { id: key.id, name: key.name, prefix: key.prefix, token: secret.token } };
}

/** An API key's columns as an operator's key list shows them (never its hash). */
const apiKeyFields = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;
const apiKeySelect = { ...apiKeyFields, operatorId: true } as const;

/** Operators and their API keys (never their hashes outside this file's look-ups). */
@Injectable()
export class OperatorsRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async createWithKey(input: NewOperator) {
    return insertOperatorWithKey(this.db.client, input);
  }

  async list() {
    return this.db.client.operator.findMany({
      orderBy: { createdAt: 'asc' },
      include: {
        apiKeys: {
          select: apiKeyFields,
          orderBy: { createdAt: 'asc' },
        },
      },
    });
  }

  async operator(id: string) {
    return this.db.client.operator.findUnique({ where: { id } });
  }

  /** Keys, newest first, with their operator's name; every operator's when `operatorId` is undefined. */
  async apiKeys(operatorId: string | undefined) {
    const rows = await this.db.client.apiKey.findMany({
      where: operatorId ? { operatorId } : {},
      select: { ...apiKeySelect, operator: { select: { name: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(({ operator, ...key }) => ({ ...key, operatorName: operator.name }));
  }

  async createApiKey(data: {
    operatorId: string;
    name: string;
    prefix: string;
    secretHash: string;
    expiresAt: Date | null;
  }) {
    return this.db.client.apiKey.create({ data, select: apiKeySelect });
  }

  async apiKey(id: string) {
    return this.db.client.apiKey.findUnique({
      where: { id },
      select: { ...apiKeySelect, operator: { select: { role: true, disabledAt: true } } },
    });
  }

  /**
   * The ids of every working admin key (not revoked, not expired, of an enabled admin), locked until
   * the transaction ends: two revocations of the last two admin keys queue here, and the second sees
   * the first one's revocation, so one of them is refused.
   */
  async lockWorkingAdminKeys(now: Date): Promise<string[]> {
    const rows = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT k.id FROM api_key k JOIN operator o ON o.id = k.operator_id
       WHERE o.role = 'admin' AND o.disabled_at IS NULL
         AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ${now})
       ORDER BY k.id
         FOR UPDATE OF k`;
    return rows.map((row) => row.id);
  }

  async revokeApiKey(id: string, at: Date) {
    return this.db.client.apiKey.update({ where: { id }, data: { revokedAt: at }, select: apiKeySelect });
  }
}
