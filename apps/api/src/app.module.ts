import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { ErrorFilter } from './common/error.filter.js';
import type { AppConfig } from './config/app-config.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { AgentConfigModule } from './modules/agent-config/agent-config.module.js';
import { AgentReportModule } from './modules/agent-report/agent-report.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { AlertsWorkerModule } from './modules/alerts/alerts-worker.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { AutopilotModule } from './modules/autopilot/autopilot.module.js';
import { AutopilotWorkerModule } from './modules/autopilot/autopilot-worker.module.js';
import { EnrollmentModule } from './modules/enrollment/enrollment.module.js';
import { FleetMetricsModule } from './modules/fleet-metrics/fleet-metrics.module.js';
import { FleetMetricsWorkerModule } from './modules/fleet-metrics/fleet-metrics-worker.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { WorkerMetricsModule } from './modules/metrics/worker-metrics.module.js';
import { OperatorsModule } from './modules/operators/operators.module.js';
import { PoliciesModule } from './modules/policies/policies.module.js';
import { RobotsModule } from './modules/robots/robots.module.js';
import { RolloutsModule } from './modules/rollouts/rollouts.module.js';
import { RolloutsWorkerModule } from './modules/rollouts/rollouts-worker.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { SigningKeysModule } from './modules/signing-keys/signing-keys.module.js';
import { SystemWorkerModule } from './modules/system/system.module.js';
import { TelemetryModule } from './modules/telemetry/telemetry.module.js';
import { TelemetryWorkerModule } from './modules/telemetry/telemetry-worker.module.js';
import { QueueModule } from './queues/queue.module.js';

export type ProcessRole = 'api' | 'worker';

/**
 * The one module graph. The API process serves HTTP; the worker process is the same graph plus the
 * BullMQ processors (two entry points: main.ts and worker.ts).
 */
@Module({})
export class AppModule {
  static forRoot(options: { config: AppConfig; logger: Logger; role: ProcessRole }): DynamicModule {
    const featureModules = [
      HealthModule,
      QueueModule,
      MetricsModule,
      AuthModule,
      AuditModule,
      SigningKeysModule,
      AgentConfigModule,
      AgentReportModule,
      EnrollmentModule,
      OperatorsModule,
      SessionsModule,
      PoliciesModule,
      RobotsModule,
      RolloutsModule,
      TelemetryModule,
      AlertsModule,
      FleetMetricsModule,
      AutopilotModule,
    ];
    const workerModules =
      options.role === 'worker'
        ? [
            SystemWorkerModule,
            TelemetryWorkerModule,
            RolloutsWorkerModule,
            AlertsWorkerModule,
            FleetMetricsWorkerModule,
            WorkerMetricsModule,
            AutopilotWorkerModule,
          ]
        : [];
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options.config, options.logger),
        ...featureModules,
        ...workerModules,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
