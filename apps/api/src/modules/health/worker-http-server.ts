import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ScheduleKeeper } from '../../queues/schedule-keeper.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { METRICS_UNAUTHORIZED, metricsAccessAllowed } from '../metrics/metrics-access.js';
import { HealthService } from './health.service.js';

/**
 * The worker has no HTTP API; this small server gives it what an orchestrator and Prometheus need
 * (WORKER_HTTP_PORT): `/livez` (the process answers; no dependency checked, so a database blip
 * never restarts it), `/readyz` (PostgreSQL and Redis reachable, every job scheduler in Redis — a
 * flushed Redis answers 503 until the ScheduleKeeper re-created them — and not shutting down) and
 * `/metrics`.
 */
export async function serveWorkerHttp(
  app: INestApplicationContext,
  options: { host: string; port: number },
  logger: Logger,
): Promise<http.Server> {
  const health = app.get(HealthService);
  const schedules = app.get(ScheduleKeeper, { strict: false });
  const metrics = app.get(MetricsService);
  const { metricsToken } = app.get<AppConfig>(APP_CONFIG);
  const server = http.createServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(405, JSON.stringify({ error: { code: 'method_not_allowed', message: 'GET only' } }));
    }
    if (path === '/livez') {
      return send(200, JSON.stringify({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
    }
    if (path === '/readyz') {
      Promise.all([health.ready(), schedules.status()]).then(
        ([report, scheduled]) => {
          const ok = report.status === 'ok' && scheduled.status === 'up';
          const body = {
            ...report,
            status: ok ? 'ok' : 'error',
            checks: { ...report.checks, schedules: scheduled },
          };
          send(ok ? 200 : 503, JSON.stringify(body));
        },
        (error: unknown) => {
          logger.warn({ err: (error as Error).message }, 'readiness check failed');
          send(503, JSON.stringify({ status: 'error', error: 'failed' }));
        },
      );
      return;
    }
    if (path === '/metrics') {
      if (!metricsAccessAllowed(request.headers.authorization, metricsToken)) {
        response.writeHead(401, METRICS_UNAUTHORIZED.headers).end(METRICS_UNAUTHORIZED.body);
        return;
      }
      metrics.registry.metrics().then(
        (text) => send(200, text, metrics.registry.contentType),
        () => send(500, JSON.stringify({ error: { code: 'internal', message: 'metrics failed' } })),
      );
      return;
    }
    send(404, JSON.stringify({ error: { code: 'not_found', message: `No route ${path}` } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://${options.host}:${port}` }, 'worker health and metrics listening');
  return server;
}
