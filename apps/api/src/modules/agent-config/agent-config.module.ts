import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { SigningKeysModule } from '../signing-keys/signing-keys.module.js';
import { AgentConfigController } from './agent-config.controller.js';
import { AgentConfigRepository } from './agent-config.repository.js';
import { ConfigNotifier } from './config-notifier.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { DeliveryTiming } from './delivery-timing.js';
import { DesiredConfigService } from './desired-config.service.js';
import { DesiredConfigStore } from './desired-config-store.js';

/** Signed config delivery to robots; DesiredConfigService is how other modules change what robots run. */
@Module({
  imports: [AuthModule, MetricsModule, SigningKeysModule],
  controllers: [AgentConfigController],
  providers: [
    ConfigNotifier,
    DesiredConfigStore,
    DeliveryLedger,
    DeliveryTiming,
    DesiredConfigService,
    AgentConfigRepository,
  ],
  exports: [DesiredConfigService, DesiredConfigStore, DeliveryTiming],
})
export class AgentConfigModule {}
