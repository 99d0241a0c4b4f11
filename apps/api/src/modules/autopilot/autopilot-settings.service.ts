import type { AutopilotSettings } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { Transactions } from '../../infrastructure/database.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AutopilotInputsRepository } from './autopilot-inputs.repository.js';
import { AutopilotJobs } from './autopilot-jobs.js';
import { AutopilotStateRepository } from './autopilot-state.repository.js';

/** The autopilot's targets and guard rails: set by operators, audited; a round follows every save. */
@Injectable()
export class AutopilotSettingsService {
  constructor(
    @Inject(AutopilotStateRepository) private readonly state: AutopilotStateRepository,
    @Inject(AutopilotInputsRepository) private readonly inputs: AutopilotInputsRepository,
    @Inject(AutopilotJobs) private readonly jobs: AutopilotJobs,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  async update(
    operator: OperatorPrincipal,
    settings: AutopilotSettings,
    reason: string | undefined,
    requestId: string,
  ) {
    const known = await this.inputs.existingGroupIds(settings.groupTargets.map((g) => g.groupId));
    const unknown = settings.groupTargets
      .map((g, i) => ({ g, i }))
      .filter(({ g }) => !known.has(g.groupId))
      .map(({ i }) => ({ path: `groupTargets[${i}].groupId`, message: 'no such group' }));
    if (unknown.length > 0)
      throw new AppError('validation_failed', `Invalid body: ${unknown[0]!.path} no such group`, unknown);
    await this.transactions.run(async () => {
      const before = await this.state.settings();
      await this.state.saveSettings(settings, operator.operatorId);
      await this.audit.recordOperator(operator, {
        action: 'autopilot.settings.update',
        targetType: 'autopilot',
        targetId: 'settings',
        before: before.updatedAt ? before.settings : undefined,
        after: settings,
        reason: reason ?? null,
        requestId,
      });
    });
    if (settings.enabled) await this.jobs.requestRun(requestId);
  }

  /** An operator asks for a round now (audited); the worker runs it. */
  async requestRun(operator: OperatorPrincipal, requestId: string) {
    const { settings } = await this.state.settings();
    const queued = await this.jobs.requestRun(requestId);
    await this.transactions.run(() =>
      this.audit.recordOperator(operator, {
        action: 'autopilot.run.request',
        targetType: 'autopilot',
        targetId: 'run',
        after: { queued },
        requestId,
      }),
    );
    return {
      queued,
      message: !queued
        ? 'the queue is unreachable; the worker’s schedule will run the autopilot when it is back'
        : settings.enabled
          ? 'the worker recomputes every recommendation now'
          : 'queued, but the autopilot is off: the round will only record that',
    };
  }
}
