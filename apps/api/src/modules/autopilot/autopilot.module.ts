import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ModelCurveModule } from '../model-curve/model-curve.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { RolloutsModule } from '../rollouts/rollouts.module.js';
import { AutopilotController } from './autopilot.controller.js';
import { AutopilotDecisionsService } from './autopilot-decisions.service.js';
import { AutopilotInputsRepository } from './autopilot-inputs.repository.js';
import { AutopilotJobs } from './autopilot-jobs.js';
import { AutopilotProposalsRepository } from './autopilot-proposals.repository.js';
import { AutopilotProposalsService } from './autopilot-proposals.service.js';
import { AutopilotQueriesService } from './autopilot-queries.service.js';
import { AutopilotRunner } from './autopilot-runner.service.js';
import { AutopilotSettingsService } from './autopilot-settings.service.js';
import { AutopilotStateRepository } from './autopilot-state.repository.js';

/**
 * The flash-life autopilot (docs/autopilot.md). Exports the runner (for the worker's processor) and
 * the queries — `countPendingProposals` is what the "autopilot proposal waiting" alert reads.
 */
@Module({
  imports: [QueueModule, AuthModule, AuditModule, ModelCurveModule, PoliciesModule, RolloutsModule],
  controllers: [AutopilotController],
  providers: [
    AutopilotQueriesService,
    AutopilotSettingsService,
    AutopilotProposalsService,
    AutopilotDecisionsService,
    AutopilotRunner,
    AutopilotJobs,
    AutopilotStateRepository,
    AutopilotProposalsRepository,
    AutopilotInputsRepository,
  ],
  exports: [AutopilotQueriesService, AutopilotRunner],
})
export class AutopilotModule {}
