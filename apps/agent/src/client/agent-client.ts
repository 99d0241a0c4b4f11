import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { type ErrorReply, PROTOCOL_VERSION } from '../server/protocol.js';

/** What `hello` tells a client about the agent. */
export interface AgentDescription {
  version: string;
  robotId: string | null;
  name: string | null;
  model: {
    name: string | null;
    sha256: string;
    dModel: number;
    dAction: number;
    task: string | null;
  };
  /** width of an observation when the agent has a backbone (`step` with `obs`), else null */
  obsDims: number | null;
  tau: number;
  /** steps since the state was created */
  steps: number;
  resetOnEpisodeEnd: boolean;
}

export interface StepReply {
  step: number;
  action: number[];
  gate: number;
  wrote: boolean;
  tau: number;
  surprise: number;
  latencyUs: number;
}

/** An error reply from the agent; `field` names what was wrong with the request. */
export class AgentRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AgentRequestError';
  }
}

/**
 * A client of the agent's local socket (protocol v1, docs/agent.md). Requests may be pipelined;
 * replies come back in order.
 */
export class AgentClient {
  private readonly pending: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private closed: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.fail(new Error('the agent closed the connection')));
    socket.on('error', (err) => this.fail(err));
  }

  /** Connects to the agent's socket (e.g. /run/aura-agent/agent.sock). */
  static connect(socketPath: string, timeoutMs = 5000): Promise<AgentClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no answer from ${socketPath} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new AgentClient(socket));
      });
      const onError = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', onError);
    });
  }

  private onData(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const waiter = this.pending.shift();
      if (!waiter) continue;
      let reply: { ok?: boolean } & Partial<ErrorReply>;
      try {
        reply = JSON.parse(line);
      } catch (err) {
        waiter.reject(err as Error);
        continue;
      }
      if (reply.ok === false && reply.error) {
        waiter.reject(new AgentRequestError(reply.error.code, reply.error.message, reply.error.field));
      } else waiter.resolve(reply);
    }
  }

  private fail(err: Error): void {
    this.closed ??= err;
    for (const w of this.pending.splice(0)) w.reject(err);
  }

  /** Sends one request object and resolves with its reply (rejects with {@link AgentRequestError}). */
  request<T = Record<string, unknown>>(body: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(`${JSON.stringify(body)}\n`);
    });
  }

  async hello(client?: string): Promise<AgentDescription> {
    const r = await this.request<{ agent: AgentDescription }>({
      op: 'hello',
      protocol: PROTOCOL_VERSION,
      ...(client ? { client } : {}),
    });
    return r.agent;
  }

  /** One step from backbone features z. */
  step(z: ArrayLike<number>): Promise<StepReply> {
    return this.request<StepReply>({ op: 'step', z: Array.from(z) });
  }

  /** One step from a raw observation (the agent runs its backbone). */
  stepObservation(obs: ArrayLike<number>): Promise<StepReply> {
    return this.request<StepReply>({ op: 'step', obs: Array.from(obs) });
  }

  async endEpisode(success?: boolean): Promise<{ episodes: { completed: number; succeeded: number } }> {
    return this.request({ op: 'episode_end', ...(success !== undefined ? { success } : {}) });
  }

  async status<T = Record<string, unknown>>(): Promise<T> {
    return (await this.request<{ status: T }>({ op: 'status' })).status;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.end(() => resolve());
    });
  }
}
