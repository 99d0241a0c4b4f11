import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Database, Transactions } from './database.js';
import { LOGGER } from './logger.js';
import { PrismaService } from './prisma.service.js';
import { RedisConnections } from './redis-connections.js';

/**
 * Process-wide plumbing: configuration, the logger, PostgreSQL (for repositories and transactions)
 * and Redis connections. The one global module; feature modules import each other explicitly.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        PrismaService,
        Database,
        Transactions,
        RedisConnections,
      ],
      exports: [APP_CONFIG, LOGGER, Database, Transactions, RedisConnections],
    };
  }
}
