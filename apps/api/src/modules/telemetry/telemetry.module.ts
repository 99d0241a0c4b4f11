import { Module } from '@nestjs/common';
import { TelemetryController } from './telemetry.controller.js';
import { TelemetryRepository } from './telemetry.repository.js';

@Module({ controllers: [TelemetryController], providers: [TelemetryRepository] })
export class TelemetryModule {}
