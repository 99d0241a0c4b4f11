import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  url: URL;
  /** false while the harness has it killed */
  up: boolean;
}

/** One answer that reached a client. */
export interface ObservedResponse {
  at: number;
  status: number;
  retryAfter: boolean;
  method: string;
  route: string;
  /** `api`: the API answered; `balancer`: no backend could (all down, or one died mid-request). */
  source: 'api' | 'balancer';
}

const ID = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const routeOf = (url: string) => url.split('?')[0]!.replace(ID, '/:id');

/**
 * A round-robin HTTP load balancer in front of the API processes, as a deployment has one: a backend
 * that refuses the connection (killed) is skipped and the request goes to the next one; a backend that
 * dies while answering costs that request a 502 from the balancer (what real balancers do). Every
 * answer is recorded, so the harness can tell the API's 5xx from the balancer's.
 */
export class HttpBalancer {
  readonly responses: ObservedResponse[] = [];
  private server: http.Server | undefined;
  private next = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  url = '';

  constructor(readonly backends: Backend[]) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.agent.destroy();
  }

  private record(req: http.IncomingMessage, status: number, retryAfter: boolean, source: 'api' | 'balancer') {
    this.responses.push({
      at: Date.now(),
      status,
      retryAfter,
      method: req.method ?? 'GET',
      route: routeOf(req.url ?? '/'),
      source,
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away
    }
    const body = Buffer.concat(chunks);
    const order = this.backends.map((_, i) => this.backends[(this.next + i) % this.backends.length]!);
    this.next = (this.next + 1) % this.backends.length;
    for (const backend of [...order.filter((b) => b.up), ...order.filter((b) => !b.up)]) {
      const outcome = await this.forward(backend, req, res, body);
      if (outcome !== 'refused') return;
    }
    this.record(req, 503, true, 'balancer');
    res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
    res.end('{"error":{"code":"service_unavailable","message":"no API instance is up"}}');
  }

  /** `refused`: nothing reached the backend (try another); `done`: answered (or failed mid-way). */
  private forward(
    backend: Backend,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ): Promise<'refused' | 'done'> {
    return new Promise((resolve) => {
      let responded = false;
      const upstream = http.request(
        {
          host: backend.url.hostname,
          port: backend.url.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: backend.url.host },
          agent: this.agent,
        },
        (answer) => {
          responded = true;
          const status = answer.statusCode ?? 502;
          this.record(req, status, answer.headers['retry-after'] !== undefined, 'api');
          res.writeHead(status, answer.headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
          answer.on('end', () => resolve('done'));
          answer.on('aborted', () => {
            res.destroy();
            resolve('done');
          });
        },
      );
      // a long-poll the client gave up on: give up upstream too
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (responded) return resolve('done');
        if (error.code === 'ECONNREFUSED') return resolve('refused');
        // sent, then the backend died (SIGKILL) before answering
        if (!res.headersSent && !res.destroyed) {
          this.record(req, 502, false, 'balancer');
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"bad_gateway","message":"the API instance went away"}}');
        }
        resolve('done');
      });
      upstream.end(body);
    });
  }
}
