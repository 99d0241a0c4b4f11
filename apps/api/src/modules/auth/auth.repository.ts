import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** Credential lookups: operator API keys, dashboard sessions and robot secrets, by their public prefix. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async apiKeyByPrefix(prefix: string) {
    return this.db.client.apiKey.findUnique({ where: { prefix }, include: { operator: true } });
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.db.client.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }

  /** A dashboard session with the API key it acts with and that key's operator. */
  async sessionByPrefix(prefix: string) {
    return this.db.client.dashboardSession.findUnique({
      where: { prefix },
      include: { apiKey: { include: { operator: true } } },
    });
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.client.dashboardSession.update({ where: { id }, data: { lastSeenAt: at } });
  }

  async robotBySecretPrefix(prefix: string): Promise<RobotCredential | null> {
    return (await this.robotsBySecretPrefixes([prefix]))[0] ?? null;
  }

  /** Many robots' credentials in one statement (`= ANY($1)` on the unique prefix index). */
  async robotsBySecretPrefixes(prefixes: readonly string[]): Promise<RobotCredential[]> {
    return this.db.client.$queryRaw<RobotCredential[]>`
      SELECT id, secret_prefix AS "secretPrefix", secret_hash AS "secretHash",
             decommissioned_at AS "decommissionedAt"
        FROM robot WHERE secret_prefix = ANY(${prefixes as string[]}::text[])`;
  }

  /** Robots' current secret hash and decommission time by id (re-checking cached secrets in bulk). */
  async robotCredentialsByIds(ids: readonly string[]): Promise<RobotCredential[]> {
    return this.db.client.$queryRaw<RobotCredential[]>`
      SELECT id, secret_prefix AS "secretPrefix", secret_hash AS "secretHash",
             decommissioned_at AS "decommissionedAt"
        FROM robot WHERE id = ANY(${ids as string[]}::uuid[])`;
  }
}

/** What a robot-secret look-up needs: the row's id, prefix, stored hash and decommission time. */
export interface RobotCredential {
  id: string;
  secretPrefix: string;
  secretHash: string;
  decommissionedAt: Date | null;
}
