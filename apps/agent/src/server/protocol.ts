/**
 * The agent's local protocol, version 1 (docs/agent.md "Socket protocol"): newline-delimited JSON
 * over a Unix socket. Each request is one JSON object on one line (at most {@link MAX_LINE_BYTES}),
 * with an `op` and an optional `id` that the reply echoes; replies come in request order.
 *
 * - `hello` `{protocol?, client?}` → `{ok, op, protocol, agent: {...}}`
 * - `step` `{z: number[dModel]}` or `{obs: number[obsDims]}` → `{ok, op, step, action, gate, wrote,
 *   tau, surprise, latencyUs}`
 * - `episode_end` `{success?: boolean}` → `{ok, op, episodes: {completed, succeeded}, reset}`
 * - `status` → `{ok, op, status: {...}}`
 * - any error → `{ok: false, id?, op?, error: {code, message, field?}}`; the connection stays open.
 */
export const PROTOCOL_VERSION = 1;

/** a request line longer than this is refused (`too_long`) and skipped up to its newline */
export const MAX_LINE_BYTES = 64 * 1024;

export type RequestId = string | number;

export type Request =
  | { op: 'hello'; id?: RequestId; protocol?: number; client?: string }
  | { op: 'step'; id?: RequestId; z: number[]; obs?: undefined }
  | { op: 'step'; id?: RequestId; obs: number[]; z?: undefined }
  | { op: 'episode_end'; id?: RequestId; success?: boolean }
  | { op: 'status'; id?: RequestId };

export type ErrorCode =
  | 'bad_json'
  | 'bad_request'
  | 'unknown_op'
  | 'too_long'
  | 'unsupported_protocol'
  | 'busy'
  | 'step_failed'
  | 'shutting_down';

export interface ErrorReply {
  ok: false;
  id?: RequestId;
  op?: string;
  error: { code: ErrorCode; message: string; field?: string };
}

export const OPS = ['hello', 'step', 'episode_end', 'status'] as const;

/** What a step needs to know to check a request: the widths of z and of an observation. */
export interface StepShape {
  dModel: number;
  /** undefined: the agent has no feature extractor and takes z only */
  obsDims: number | undefined;
}

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

function numbers(value: unknown, field: string, length: number): number[] {
  if (!Array.isArray(value))
    throw new ProtocolError('bad_request', `${field}: must be an array of numbers`, field);
  if (value.length !== length) {
    throw new ProtocolError(
      'bad_request',
      `${field}: expected ${length} numbers, got ${value.length}`,
      field,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const x = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new ProtocolError('bad_request', `${field}[${i}]: must be a finite number`, `${field}[${i}]`);
    }
  }
  return value as number[];
}

const ALLOWED: Record<(typeof OPS)[number], readonly string[]> = {
  hello: ['op', 'id', 'protocol', 'client'],
  step: ['op', 'id', 'z', 'obs'],
  episode_end: ['op', 'id', 'success'],
  status: ['op', 'id'],
};

/** The `id` of a parsed line, when it has a usable one (errors echo it). */
export function requestId(value: unknown): RequestId | undefined {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}

/**
 * Checks one parsed request line; throws a {@link ProtocolError} naming the field. Hand-written
 * rather than a schema library: it runs for every step.
 */
export function parseRequest(value: unknown, shape: StepShape): Request {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('bad_request', 'a request must be a JSON object', '(line)');
  }
  const v = value as Record<string, unknown>;
  if (v.id !== undefined && requestId(v) === undefined) {
    throw new ProtocolError('bad_request', 'id: must be a string or a number', 'id');
  }
  const op = v.op;
  if (typeof op !== 'string') throw new ProtocolError('bad_request', 'op: required, a string', 'op');
  if (!(OPS as readonly string[]).includes(op)) {
    throw new ProtocolError('unknown_op', `op: unknown operation "${op}" (one of ${OPS.join(', ')})`, 'op');
  }
  const allowed = ALLOWED[op as (typeof OPS)[number]];
  for (const key in v) {
    if (!allowed.includes(key)) {
      throw new ProtocolError('bad_request', `${key}: unknown field for op "${op}"`, key);
    }
  }
  const id = requestId(v);
  const base = id === undefined ? {} : { id };
  switch (op) {
    case 'hello': {
      if (v.protocol !== undefined && (typeof v.protocol !== 'number' || !Number.isInteger(v.protocol))) {
        throw new ProtocolError('bad_request', 'protocol: must be a whole number', 'protocol');
      }
      if (v.protocol !== undefined && v.protocol !== PROTOCOL_VERSION) {
        throw new ProtocolError(
          'unsupported_protocol',
          `protocol: this agent speaks version ${PROTOCOL_VERSION}, the client asked for ${v.protocol}`,
          'protocol',
        );
      }
      if (v.client !== undefined && (typeof v.client !== 'string' || v.client.length > 200)) {
        throw new ProtocolError(
          'bad_request',
          'client: must be a string of at most 200 characters',
          'client',
        );
      }
      return {
        op,
        ...base,
        ...(v.protocol !== undefined ? { protocol: v.protocol as number } : {}),
        ...(v.client !== undefined ? { client: v.client as string } : {}),
      };
    }
    case 'step': {
      if (v.z !== undefined && v.obs !== undefined) {
        throw new ProtocolError('bad_request', 'z, obs: send one of them, not both', 'obs');
      }
      if (v.z !== undefined) return { op, ...base, z: numbers(v.z, 'z', shape.dModel) };
      if (v.obs !== undefined) {
        if (shape.obsDims === undefined) {
          throw new ProtocolError(
            'bad_request',
            'obs: this agent has no backbone (model.backbonePath) to turn observations into z; send z',
            'obs',
          );
        }
        return { op, ...base, obs: numbers(v.obs, 'obs', shape.obsDims) };
      }
      throw new ProtocolError(
        'bad_request',
        `z: required (${shape.dModel} numbers)${shape.obsDims !== undefined ? `, or obs (${shape.obsDims} numbers)` : ''}`,
        'z',
      );
    }
    case 'episode_end': {
      if (v.success !== undefined && typeof v.success !== 'boolean') {
        throw new ProtocolError('bad_request', 'success: must be true or false', 'success');
      }
      return { op, ...base, ...(v.success !== undefined ? { success: v.success } : {}) };
    }
    default:
      return { op: 'status', ...base };
  }
}

export function errorReply(err: ProtocolError, id?: RequestId, op?: string): ErrorReply {
  return {
    ok: false,
    ...(id !== undefined ? { id } : {}),
    ...(op !== undefined ? { op } : {}),
    error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
  };
}
