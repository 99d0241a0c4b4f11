import { type AgentReport, AgentReportResultSchema, AgentReportSchema } from '@aura/core';
import { Body, Controller, Inject, Put } from '@nestjs/common';
import { ApiContract } from '../../common/api-contract.js';
import { CurrentRobot, RobotAuth } from '../auth/auth.guards.js';
import type { RobotPrincipal } from '../auth/auth.types.js';
import { AgentReportService } from './agent-report.service.js';

@Controller('v1/agent/report')
@RobotAuth()
export class AgentReportController {
  constructor(@Inject(AgentReportService) private readonly reports: AgentReportService) {}

  /** The calling robot's inventory and outbox counters; replaces its previous report. */
  @Put()
  @ApiContract({
    summary: 'Report the robot’s inventory and outbox counters',
    description:
      'Sent by the agent at start and when its inventory or its dropped/quarantined counts change. Replaces the robot’s previous report; a robot can only report about itself. A backward-compatible addition to wire contract v1: agents that never send it keep working.',
    tag: 'agent',
    auth: 'robot',
    body: AgentReportSchema,
    response: AgentReportResultSchema,
  })
  put(@CurrentRobot() robot: RobotPrincipal, @Body() report: AgentReport) {
    return this.reports.store(robot.robotId, report);
  }
}
