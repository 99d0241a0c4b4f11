import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AlertChannelsService } from './alert-channels.service.js';
import { AlertConfigRepository } from './alert-config.repository.js';
import { AlertDeliveryService } from './alert-delivery.service.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';
import { AlertJobs } from './alert-jobs.js';
import { AlertChannelsController, AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertSignalsRepository } from './alert-signals.repository.js';
import { AlertStateRepository } from './alert-state.repository.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { TargetGuard } from './target-guard.js';

const providers = [
  AlertConfigRepository,
  AlertStateRepository,
  AlertSignalsRepository,
  AlertJobs,
  TargetGuard,
  AlertEvaluatorService,
  AlertDeliveryService,
  AlertRulesService,
  AlertChannelsService,
  AlertsService,
];

/** Alerting (docs/alerts.md): rules, channels, silences, alerts and notifications. */
@Module({
  imports: [QueueModule, AuthModule, AuditModule],
  controllers: [AlertRulesController, AlertChannelsController, AlertsController],
  providers,
  exports: [AlertEvaluatorService, AlertDeliveryService, AlertStateRepository],
})
export class AlertsModule {}
