import { Global, Module } from '@nestjs/common';
import { AgentConfigController } from './agent-config.controller.js';
import { ConfigNotifier } from './config-notifier.js';
import { DesiredConfigService } from './desired-config.service.js';

@Global()
@Module({
  controllers: [AgentConfigController],
  providers: [ConfigNotifier, DesiredConfigService],
  exports: [DesiredConfigService],
})
export class AgentConfigModule {}
