import { chmodSync, existsSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { StepResult } from '../runtime/agent-runtime.js';
import {
  errorReply,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
  ProtocolError,
  parseRequest,
  type RequestId,
  requestId,
  type StepShape,
} from './protocol.js';

/** What the socket server needs from the agent it serves. */
export interface ServedAgent {
  readonly shape: StepShape;
  /** set while something in process drives the robot: socket clients may not step then */
  readonly inProcessDriver?: string | undefined;
  /** the `agent` object of a hello reply */
  describe(): object;
  stepFeatures(z: Float32Array): Promise<StepResult>;
  stepObservation(obs: Float32Array): Promise<StepResult>;
  endEpisode(success?: boolean): { completed: number; succeeded: number; reset: boolean };
  status(): object;
}

export interface SocketServerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface AgentSocketServerOptions {
  path: string;
  /** file mode of the socket (default 0o660: the agent's user and group) */
  mode?: number;
  log?: SocketServerLog;
  /** a connection stops reading once this many request lines wait unanswered (default 32) */
  highWaterLines?: number;
}

const silent: SocketServerLog = { info: () => {}, warn: () => {}, debug: () => {} };

/**
 * Serves the local protocol (./protocol.ts) on a Unix socket. Requests on a connection are answered
 * one at a time and in order. Back-pressure: a connection whose unanswered lines reach the high-water
 * mark is paused (the kernel's socket buffer then fills and the client's writes block) until it is
 * drained to a quarter of it, and a client that does not read its replies is not read from either;
 * nothing is buffered without bound. One connection at a time drives the robot (the first to send
 * `step` or `episode_end`, until it disconnects); others may `hello` and `status`.
 */
export class AgentSocketServer {
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();
  private driver: Connection | undefined;
  private readonly log: SocketServerLog;
  readonly highWater: number;
  closing = false;
  /** the most request lines one connection ever had waiting (bounded by the high-water mark + one read) */
  maxQueuedLines = 0;

  constructor(
    readonly agent: ServedAgent,
    private readonly options: AgentSocketServerOptions,
  ) {
    this.log = options.log ?? silent;
    this.highWater = Math.max(1, options.highWaterLines ?? 32);
  }

  get path(): string {
    return this.options.path;
  }

  get clients(): { connected: number; driving: boolean } {
    return { connected: this.connections.size, driving: this.driver !== undefined };
  }

  /** Listens; a stale socket file left by a crash is replaced, a live one (another agent) is refused. */
  async listen(): Promise<void> {
    const file = this.options.path;
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) {
      if (!lstatSync(file).isSocket()) throw new Error(`${file} exists and is not a socket`);
      if (await isLive(file)) throw new Error(`another agent is serving ${file}`);
      unlinkSync(file);
    }
    const server = net.createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(file, this.options.mode ?? 0o660);
    server.on('error', (err) => this.log.warn({ err: err.message }, 'socket server error'));
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const connection = new Connection(this, socket, this.log);
    this.connections.add(connection);
    this.log.debug({ connections: this.connections.size }, 'client connected');
    socket.on('close', () => {
      this.connections.delete(connection);
      if (this.driver === connection) {
        this.driver = undefined;
        this.log.info({ client: connection.client }, 'driving client disconnected');
      }
    });
  }

  /** the connection may drive the robot: it already does, or nobody does */
  claim(connection: Connection): boolean {
    if (this.agent.inProcessDriver) return false;
    if (this.driver && this.driver !== connection) return false;
    if (!this.driver) this.log.info({ client: connection.client }, 'client drives the robot');
    this.driver = connection;
    return true;
  }

  driverName(): string | undefined {
    return this.agent.inProcessDriver ?? this.driver?.client;
  }

  /** Stops accepting, lets each connection finish its current request, closes them and the socket. */
  async close(): Promise<void> {
    this.closing = true;
    const server = this.server;
    this.server = undefined;
    await Promise.all([...this.connections].map((c) => c.end()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      unlinkSync(this.options.path);
    } catch {
      // already gone
    }
  }
}

function isLive(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(file);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

class Connection {
  client: string | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** skipping an over-long line up to its newline */
  private discarding = false;
  private readonly queue: string[] = [];
  private paused = false;
  private processing: Promise<void> | undefined;
  private ended = false;
  private readonly zBuf: Float32Array;
  private readonly obsBuf: Float32Array | undefined;

  constructor(
    private readonly server: AgentSocketServer,
    private readonly socket: net.Socket,
    private readonly log: SocketServerLog,
  ) {
    const { dModel, obsDims } = server.agent.shape;
    this.zBuf = new Float32Array(dModel);
    this.obsBuf = obsDims !== undefined ? new Float32Array(obsDims) : undefined;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.log.debug({ err: err.message }, 'client socket error'));
  }

  private onData(chunk: Buffer): void {
    let text = this.partial + this.decoder.write(chunk);
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (this.discarding) this.discarding = false;
      else if (line.length > MAX_LINE_BYTES / 4 && Buffer.byteLength(line) > MAX_LINE_BYTES) {
        this.queue.push(TOO_LONG);
      } else if (line.trim() !== '') this.queue.push(line);
      nl = text.indexOf('\n');
    }
    if (!this.discarding && Buffer.byteLength(text) > MAX_LINE_BYTES) {
      this.discarding = true;
      this.queue.push(TOO_LONG);
      text = '';
    } else if (this.discarding) text = '';
    this.partial = text;
    if (this.queue.length > this.server.maxQueuedLines) this.server.maxQueuedLines = this.queue.length;
    if (this.queue.length >= this.server.highWater && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    this.processing ??= this.drain().finally(() => {
      this.processing = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.ended) {
      const line = this.queue.shift() as string;
      const reply = await this.handle(line);
      if (this.socket.destroyed) return;
      if (!this.socket.write(`${reply}\n`)) {
        // the client does not read its replies: stop reading its requests until it does
        await new Promise<void>((resolve) => {
          const done = () => {
            this.socket.off('drain', done);
            this.socket.off('close', done);
            resolve();
          };
          this.socket.once('drain', done);
          this.socket.once('close', done);
        });
      }
      if (this.paused && this.queue.length <= Math.floor(this.server.highWater / 4)) {
        this.paused = false;
        this.socket.resume();
      }
    }
  }

  private async handle(line: string): Promise<string> {
    if (line === TOO_LONG) {
      return JSON.stringify(
        errorReply(
          new ProtocolError('too_long', `a request line must be at most ${MAX_LINE_BYTES} bytes`, '(line)'),
        ),
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      return JSON.stringify(
        errorReply(new ProtocolError('bad_json', `not JSON: ${(err as Error).message}`, '(line)')),
      );
    }
    const id = requestId(value);
    const op = typeof (value as { op?: unknown })?.op === 'string' ? (value as { op: string }).op : undefined;
    try {
      if (this.server.closing) throw new ProtocolError('shutting_down', 'the agent is stopping');
      return await this.respond(value, id);
    } catch (err) {
      if (err instanceof ProtocolError) return JSON.stringify(errorReply(err, id, op));
      this.log.warn({ err: (err as Error).message, op }, 'request failed');
      return JSON.stringify(errorReply(new ProtocolError('step_failed', (err as Error).message), id, op));
    }
  }

  private async respond(value: unknown, id: RequestId | undefined): Promise<string> {
    const agent = this.server.agent;
    const req = parseRequest(value, agent.shape);
    const head = id === undefined ? { ok: true, op: req.op } : { ok: true, id, op: req.op };
    switch (req.op) {
      case 'hello':
        if (req.client) this.client = req.client;
        return JSON.stringify({ ...head, protocol: PROTOCOL_VERSION, agent: agent.describe() });
      case 'status':
        return JSON.stringify({ ...head, status: agent.status() });
      case 'episode_end': {
        this.claimOrThrow();
        return JSON.stringify({ ...head, ...summary(agent.endEpisode(req.success)) });
      }
      case 'step': {
        this.claimOrThrow();
        let r: StepResult;
        if (req.z) {
          this.zBuf.set(req.z);
          r = await agent.stepFeatures(this.zBuf);
        } else {
          const buf = this.obsBuf as Float32Array;
          buf.set(req.obs as number[]);
          r = await agent.stepObservation(buf);
        }
        return JSON.stringify({
          ...head,
          step: r.step,
          action: Array.from(r.action),
          gate: r.gate,
          wrote: r.wrote,
          tau: r.tau,
          surprise: r.surprise,
          latencyUs: Math.round(r.latencyUs * 10) / 10,
        });
      }
    }
  }

  private claimOrThrow(): void {
    if (!this.server.claim(this)) {
      const other = this.server.driverName();
      throw new ProtocolError(
        'busy',
        `op: another client${other ? ` ("${other}")` : ''} drives this robot; one at a time`,
        'op',
      );
    }
  }

  /** finishes the request being answered, then closes */
  async end(): Promise<void> {
    this.ended = true;
    this.queue.length = 0;
    await this.processing;
    await new Promise<void>((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.end(() => resolve());
      setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, 1000).unref();
    });
  }
}

const TOO_LONG = '\u0000too_long';

function summary(r: { completed: number; succeeded: number; reset: boolean }) {
  return { episodes: { completed: r.completed, succeeded: r.succeeded }, reset: r.reset };
}
