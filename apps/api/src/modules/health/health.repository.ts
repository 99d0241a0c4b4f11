import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** The database side of a health check. */
@Injectable()
export class HealthRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** One round trip to PostgreSQL. */
  async ping(): Promise<void> {
    await this.db.client.$queryRaw`SELECT 1`;
  }
}
