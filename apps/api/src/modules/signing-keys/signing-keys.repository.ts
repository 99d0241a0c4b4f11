import type { ConfigKeySet } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigSigningKeyStatus, Prisma } from '../../generated/prisma/client.js';
import { Database } from '../../infrastructure/database.js';

/** Config-signing keys and the key-set chain. Writes join the caller's transaction. */
@Injectable()
export class SigningKeysRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** Serialises every change of keys and key sets across processes (inside a transaction). */
  async lock(): Promise<void> {
    await this.db.client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('aura:config-signing-keys'))`;
  }

  keys() {
    return this.db.client.configSigningKey.findMany({ orderBy: [{ createdAt: 'asc' }, { keyId: 'asc' }] });
  }

  key(id: string) {
    return this.db.client.configSigningKey.findUnique({ where: { id } });
  }

  insertKey(data: {
    keyId: string;
    publicKey: string;
    encryptedPrivateKey: string | null;
    development: boolean;
    status?: ConfigSigningKeyStatus;
    activatedAt?: Date;
    createdById?: string | null;
  }) {
    return this.db.client.configSigningKey.create({ data });
  }

  updateKey(
    id: string,
    data: { status: ConfigSigningKeyStatus; activatedAt?: Date; retiredAt?: Date; revokedAt?: Date },
  ) {
    return this.db.client.configSigningKey.update({ where: { id }, data });
  }

  setPlannedRetirement(id: string, plannedRetirementAt: Date | null) {
    return this.db.client.configSigningKey.update({ where: { id }, data: { plannedRetirementAt } });
  }

  /** Every key set, oldest first. */
  async keySets(): Promise<ConfigKeySet[]> {
    const rows = await this.db.client.configKeySet.findMany({ orderBy: { version: 'asc' } });
    return rows.map((row) => row.body as unknown as ConfigKeySet);
  }

  async latestKeySet(): Promise<ConfigKeySet | undefined> {
    const row = await this.db.client.configKeySet.findFirst({ orderBy: { version: 'desc' } });
    return row ? (row.body as unknown as ConfigKeySet) : undefined;
  }

  async insertKeySet(set: ConfigKeySet): Promise<void> {
    await this.db.client.configKeySet.create({
      data: { version: set.version, body: set as unknown as Prisma.InputJsonObject },
    });
  }

  /** The key-set version a robot was enrolled with (null: before key sets; undefined: no such robot). */
  async enrolledKeySetVersion(robotId: string): Promise<number | null | undefined> {
    const robot = await this.db.client.robot.findUnique({
      where: { id: robotId },
      select: { enrolledKeySetVersion: true },
    });
    return robot === null ? undefined : robot.enrolledKeySetVersion;
  }
}
