import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { AgentConfigModule } from '../agent-config/agent-config.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ModelCurveModule } from '../model-curve/model-curve.module.js';
import { RolloutEngine } from './rollout-engine.service.js';
import { RolloutJobs } from './rollout-jobs.js';
import { RolloutLifecycleService } from './rollout-lifecycle.service.js';
import { RolloutMembersRepository } from './rollout-members.repository.js';
import { RolloutPreviewService } from './rollout-preview.service.js';
import { RolloutQueriesService } from './rollout-queries.service.js';
import { RolloutStatsRepository } from './rollout-stats.repository.js';
import { RolloutsController } from './rollouts.controller.js';
import { RolloutsRepository } from './rollouts.repository.js';

/** Staged rollouts: reads, operator verbs and the step engine (the worker adds its processor). */
@Module({
  imports: [QueueModule, AuthModule, AuditModule, AgentConfigModule, ModelCurveModule],
  controllers: [RolloutsController],
  providers: [
    RolloutQueriesService,
    RolloutLifecycleService,
    RolloutEngine,
    RolloutPreviewService,
    RolloutJobs,
    RolloutsRepository,
    RolloutMembersRepository,
    RolloutStatsRepository,
  ],
  exports: [RolloutEngine, RolloutLifecycleService],
})
export class RolloutsModule {}
