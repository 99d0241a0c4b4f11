import type { TelemetryExportQuery } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { RobotsService } from '../robots/robots.service.js';
import { TelemetryExportRepository } from './telemetry-export.repository.js';

/** Pages of raw telemetry for export (`aura telemetry export`), one robot, a group or the fleet. */
@Injectable()
export class TelemetryExportService {
  constructor(
    @Inject(TelemetryExportRepository) private readonly records: TelemetryExportRepository,
    @Inject(RobotsService) private readonly robots: RobotsService,
  ) {}

  async page(query: TelemetryExportQuery) {
    if (query.robotId) await this.robots.requireRobot(query.robotId);
    if (query.groupId && !(await this.records.groupExists(query.groupId))) {
      throw new AppError('not_found', 'Group not found');
    }
    const [cursorRobot, cursorSeq] = query.cursor ? query.cursor.split(':') : [];
    const items = await this.records.page({
      robotId: query.robotId,
      groupId: query.groupId,
      since: new Date(query.since),
      until: query.until ? new Date(query.until) : new Date(),
      after: cursorRobot && cursorSeq ? { robotId: cursorRobot, seq: BigInt(cursorSeq) } : undefined,
      limit: query.limit,
    });
    const last = items[items.length - 1];
    // A full page may be followed by more; the next (possibly empty) page says so.
    return {
      items,
      nextCursor: last && items.length === query.limit ? `${last.robotId}:${last.seq}` : undefined,
    };
  }
}
