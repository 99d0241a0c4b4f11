import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** Credential lookups: operator API keys and robot secrets, found by their public prefix. */
@Injectable()
export class AuthRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async apiKeyByPrefix(prefix: string) {
    return this.db.client.apiKey.findUnique({ where: { prefix }, include: { operator: true } });
  }

  async touchApiKey(id: string, at: Date): Promise<void> {
    await this.db.client.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }

  async robotBySecretPrefix(prefix: string) {
    return this.db.client.robot.findUnique({
      where: { secretPrefix: prefix },
      select: { id: true, secretHash: true, decommissionedAt: true },
    });
  }
}
