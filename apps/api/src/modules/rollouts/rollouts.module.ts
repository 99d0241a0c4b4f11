import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { RolloutJobs } from './rollout-jobs.js';
import { RolloutPreviewService } from './rollout-preview.service.js';
import { RolloutStatsRepository } from './rollout-stats.repository.js';
import { RolloutsController } from './rollouts.controller.js';
import { RolloutsService } from './rollouts.service.js';

const providers = [RolloutsService, RolloutJobs, RolloutStatsRepository, RolloutPreviewService];

@Module({ imports: [QueueModule], controllers: [RolloutsController], providers, exports: providers })
export class RolloutsModule {}
