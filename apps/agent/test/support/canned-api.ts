import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { EnrollRequestSchema, TelemetryBatchSchema, type TelemetryRecord } from '@aura/core';

/**
 * A stand-in for the Fleet API's agent endpoints (unit tier: no database): enrolment, telemetry,
 * config long-poll (always 304), `/livez`. Request bodies are checked with the wire contract's
 * schemas, as the real API does. `unauthorized` answers 401 to every robot request; `dateOffsetMs`
 * skews the Date header (clock-skew checks).
 */
export class CannedApi {
  readonly robots = new Map<string, { robotId: string; name?: string }>();
  readonly stored = new Map<string, TelemetryRecord[]>();
  readonly requests: string[] = [];
  unauthorized = false;
  dateOffsetMs = 0;
  private server: http.Server | https.Server | undefined;
  url = '';

  async start(tlsOptions?: { key: string; cert: string }): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
    const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler);
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    this.url = `${tlsOptions ? 'https' : 'http'}://${tlsOptions ? 'localhost' : '127.0.0.1'}:${port}`;
    return this;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        date: new Date(Date.now() + this.dateOffsetMs).toUTCString(),
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string) =>
      send(status, { error: { code, message } });
    const json = () => JSON.parse(Buffer.concat(chunks).toString() || 'null');
    if (url.pathname === '/livez') return send(200, { status: 'ok' });
    if (url.pathname === '/v1/agent/enroll' && req.method === 'POST') {
      const body = EnrollRequestSchema.safeParse(json());
      if (!body.success) return error(400, 'validation_failed', body.error.message);
      const robotId = randomUUID();
      const secret = `secret-${robotId}`;
      this.robots.set(secret, { robotId, ...(body.data.name ? { name: body.data.name } : {}) });
      return send(201, { robotId, robotSecret: secret, configKeys: [] });
    }
    const secret = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const robot = this.robots.get(secret);
    if (!robot || this.unauthorized) return error(401, 'unauthorized', 'robot decommissioned');
    if (url.pathname === '/v1/agent/telemetry' && req.method === 'POST') {
      const body = TelemetryBatchSchema.safeParse(json());
      if (!body.success) return error(400, 'validation_failed', body.error.message);
      const list = this.stored.get(robot.robotId) ?? [];
      list.push(...(body.data.records as TelemetryRecord[]));
      this.stored.set(robot.robotId, list);
      return send(200, {
        accepted: body.data.records.length,
        duplicates: 0,
        lastSeq: Math.max(...list.map((r) => r.seq)),
      });
    }
    if (url.pathname === '/v1/agent/config' && req.method === 'GET') {
      const wait = Math.min(2, Number(url.searchParams.get('wait') ?? 0));
      await new Promise((r) => setTimeout(r, wait * 1000));
      res.writeHead(304, { date: new Date(Date.now() + this.dateOffsetMs).toUTCString() });
      return void res.end();
    }
    return error(404, 'not_found', url.pathname);
  }

  /** telemetry records stored for the only enrolled robot */
  get records(): TelemetryRecord[] {
    return [...this.stored.values()].flat();
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
