import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SimRobot } from '@aura/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createWorkerApp } from '../src/bootstrap.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { FleetMetricsService } from '../src/modules/fleet-metrics/fleet-metrics.service.js';
import { serveWorkerHttp } from '../src/modules/health/worker-http-server.js';
import { ApiHarness, uniqueName } from './support/api-harness.js';

const INFRA = path.resolve(import.meta.dirname, '../../../infra/observability');

/** Metric names a Prometheus exposition declares (histograms also as _bucket, _sum, _count). */
function declaredNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = match;
    names.add(name);
    if (type === 'histogram' || type === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    }
  }
  return names;
}

/** Parses PromQL with Prometheus's own grammar (lezer); throws on a syntax error, returns metric names. */
function metricNames(expr: string): string[] {
  const tree = parser.parse(expr);
  const names: string[] = [];
  const errors: number[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.push(expr.slice(id.from, id.to));
      }
    },
  });
  if (errors.length) throw new Error(`PromQL syntax error at ${errors[0]} in: ${expr}`);
  return names;
}

/** Grafana's template variables stand for label values; give them a value PromQL accepts. */
const withoutVariables = (expr: string) =>
  expr.replaceAll('$__rate_interval', '5m').replaceAll('$group', '.*');

describe('observability: /metrics, /metrics/fleet, the worker endpoint and infra/observability', () => {
  const { api } = ApiHarness.forSuite([], { AGENT_RATE_LIMIT: '0' });
  let worker: INestApplicationContext;
  let workerHttp: http.Server;
  let operator: string;

  beforeAll(async () => {
    const logger = createLogger(api.config, 'test-worker');
    worker = await createWorkerApp(api.config, logger);
    await worker.init();
    workerHttp = await serveWorkerHttp(worker, { host: '127.0.0.1', port: 0 }, logger);
    operator = await api.operatorKey('operator');
  }, 60_000);

  afterAll(async () => {
    workerHttp?.close();
    await worker?.close();
  });

  async function scrape() {
    const apiMetrics = await api.request({ method: 'GET', url: '/metrics' });
    const fleet = await api.request({ method: 'GET', url: '/metrics/fleet' });
    const { port } = workerHttp.address() as AddressInfo;
    const workerMetrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(apiMetrics.statusCode).toBe(200);
    expect(fleet.statusCode).toBe(200);
    expect(workerMetrics.status).toBe(200);
    return { api: apiMetrics.body, fleet: fleet.body, worker: await workerMetrics.text() };
  }

  it('aggregates the fleet in SQL into gauges per group, without a label per robot', async () => {
    const group = uniqueName('metrics-group');
    const robots: SimRobot[] = [];
    for (let i = 0; i < 3; i++) robots.push(await SimRobot.enroll(api, operator, []));
    const created = await api.request({
      method: 'POST',
      url: '/v1/groups',
      token: operator,
      payload: { name: group },
    });
    expect(created.statusCode, created.body).toBe(201);
    await api.request({
      method: 'POST',
      url: `/v1/groups/${created.json().id}/members`,
      token: operator,
      payload: { add: robots.map((r) => r.robotId) },
    });
    for (const robot of robots) {
      robot.wearPerReport = 1e-6;
      await robot.report(0.25, 0.8, new Date(Date.now() - 60_000));
      await robot.report(0.25, 0.8);
    }
    await worker.get(FleetMetricsService).refresh('test');
    const { fleet } = await scrape();
    const value = (series: string) => {
      const line = fleet.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value(`aura_group_robots{group="${group}"}`)).toBe(3);
    expect(value(`aura_group_writes_per_step{group="${group}"}`)).toBe(0.25);
    // Two windows of 125 writes × 4096 B per robot, over the 5-minute window, per hour.
    expect(value(`aura_group_flash_bytes_per_hour{group="${group}"}`)).toBe(3 * 2 * 125 * 4096 * 12);
    expect(value('aura_fleet_robots{status="online"}')).toBeGreaterThanOrEqual(3);
    expect(value('aura_rollouts{status="running"}')).toBeGreaterThanOrEqual(0);
    expect(value('aura_fleet_metrics_age_seconds')).toBeLessThan(60);
    for (const robot of robots) expect(fleet).not.toContain(robot.robotId);
  });

  it('the Grafana dashboard and the Prometheus rules parse and name only metrics that exist', async () => {
    const exposed = await scrape();
    const names = new Set([
      ...declaredNames(exposed.api),
      ...declaredNames(exposed.fleet),
      ...declaredNames(exposed.worker),
      'up', // Prometheus's own per-target series
    ]);
    expect(names).toContain('aura_worker_jobs_total');
    expect(names).toContain('aura_queue_jobs');

    const rules = parseYaml(readFileSync(path.join(INFRA, 'prometheus-rules.yml'), 'utf8'), {
      strict: true,
      uniqueKeys: true,
    }) as { groups: { name: string; rules: Record<string, unknown>[] }[] };
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['AuraApiErrorRatioHigh', 'AuraQueueBacklog', 'AuraLongPollSaturation']),
    );
    for (const rule of alerts) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect((rule.labels as { severity?: string }).severity).toMatch(/^(critical|warning|info)$/);
      expect((rule.annotations as { summary?: string }).summary).toBeTruthy();
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhd]$/);
      for (const name of metricNames(String(rule.expr)))
        expect(names, `${rule.alert}: ${name}`).toContain(name);
    }

    const dashboard = JSON.parse(readFileSync(path.join(INFRA, 'grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
      templating: { list: { query: { query: string } }[] };
    };
    const exprs = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
    );
    expect(exprs.length).toBeGreaterThan(15);
    for (const { panel, expr } of exprs) {
      for (const name of metricNames(withoutVariables(expr)))
        expect(names, `${panel}: ${name}`).toContain(name);
    }
    for (const variable of dashboard.templating.list) {
      const metric = /^label_values\((\w+),/.exec(variable.query.query)?.[1];
      expect(names).toContain(metric);
    }
    // The checks can fail: a misspelt metric and broken PromQL are caught.
    expect(() => metricNames('sum(rate(aura_http_requests_total[5m]) > ')).toThrow(/syntax error/);
    expect(names).not.toContain(metricNames('aura_http_request_total')[0]);
  });
});
