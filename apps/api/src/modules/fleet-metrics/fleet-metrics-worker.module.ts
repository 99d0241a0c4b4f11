import { Module } from '@nestjs/common';
import { QueueModule } from '../../queues/queue.module.js';
import { FleetMetricsModule } from './fleet-metrics.module.js';
import { FleetMetricsProcessor } from './fleet-metrics.processor.js';

/** Worker-only: the once-a-minute fleet aggregation. */
@Module({ imports: [QueueModule, FleetMetricsModule], providers: [FleetMetricsProcessor] })
export class FleetMetricsWorkerModule {}
