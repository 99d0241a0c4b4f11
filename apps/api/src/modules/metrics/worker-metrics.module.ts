import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsModule } from './metrics.module.js';
import { WorkerMetrics } from './worker-metrics.js';

/** Worker-only: job counters and timings, and the worker's own /metrics endpoint. */
@Module({ imports: [DiscoveryModule, MetricsModule], providers: [WorkerMetrics] })
export class WorkerMetricsModule {}
