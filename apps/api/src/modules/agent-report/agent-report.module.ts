import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AgentReportController } from './agent-report.controller.js';
import { AgentReportRepository } from './agent-report.repository.js';
import { AgentReportService } from './agent-report.service.js';

/** `PUT /v1/agent/report`: each robot's agent, model, OS, hardware and outbox counters. */
@Module({
  imports: [AuthModule],
  controllers: [AgentReportController],
  providers: [AgentReportService, AgentReportRepository],
})
export class AgentReportModule {}
