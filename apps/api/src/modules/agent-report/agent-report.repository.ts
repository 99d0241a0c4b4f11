import type { AgentReport } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../infrastructure/database.js';

/** `robot_agent_report`: the latest report per robot, its filterable parts in their own columns. */
@Injectable()
export class AgentReportRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async upsert(robotId: string, report: AgentReport, at: Date): Promise<Date> {
    const columns = {
      inventory: report.inventory,
      outbox: report.outbox,
      agentVersion: report.inventory.agentVersion,
      arch: report.inventory.os.arch,
      flashKind: report.inventory.flash?.kind ?? null,
      flashModel: report.inventory.flash?.model ?? null,
      reportedAt: at,
    };
    const row = await this.db.client.robotAgentReport.upsert({
      where: { robotId },
      create: { robotId, ...columns },
      update: columns,
      select: { reportedAt: true },
    });
    return row.reportedAt;
  }
}
