import type { AgentReport, AgentReportResult } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AgentReportRepository } from './agent-report.repository.js';

/** What robots' agents report about themselves (issue 16): stored one row per robot. */
@Injectable()
export class AgentReportService {
  constructor(@Inject(AgentReportRepository) private readonly reports: AgentReportRepository) {}

  async store(robotId: string, report: AgentReport): Promise<AgentReportResult> {
    const reportedAt = await this.reports.upsert(robotId, report, new Date());
    return { reportedAt: reportedAt.toISOString() };
  }
}
