import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from './logger.js';
import { PrismaService } from './prisma.service.js';
import { RedisConnections } from './redis-connections.js';

/** Process-wide side effects: configuration, the logger, PostgreSQL and Redis connections. */
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
        RedisConnections,
      ],
      exports: [APP_CONFIG, LOGGER, PrismaService, RedisConnections],
    };
  }
}
