import type { ErrorCode, ErrorEnvelope } from '@aura/core';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../infrastructure/logger.js';
import { AppError } from './app-error.js';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** Fastify's own client errors (bad JSON, wrong content type, body too large) carry a statusCode. */
function isClientError(error: unknown): error is Error & { statusCode: number; code?: string } {
  const status: unknown = (error as { statusCode?: unknown } | null)?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

/** Prisma's "unable to start a transaction in time" and pg's pool connection timeout. */
function isOverload(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === 'P2028' || /timeout exceeded when trying to connect/i.test(message);
}

/** PostgreSQL cancelled the statement at DATABASE_STATEMENT_TIMEOUT_MS (57014, raw pg or via Prisma). */
function isStatementTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === '57014' || /canceling statement due to statement timeout/i.test(message);
}

/**
 * PostgreSQL aborted the transaction to break a deadlock (40P01) or a serialization conflict (40001),
 * raw or via Prisma: the request met a concurrent one and may simply be retried. Bulk robot changes
 * lock rows in id order so that this should not happen; this keeps a missed case from being a 500.
 */
function isTransientConflict(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: unknown };
  // P2034: Prisma's "transaction failed due to a write conflict or a deadlock"
  if (typeof e.code === 'string' && ['40P01', '40001', 'P2034'].includes(e.code)) return true;
  if (e.originalCode === '40P01' || e.originalCode === '40001') return true;
  const meta = e.meta as { driverAdapterError?: unknown; code?: unknown } | undefined;
  if (meta?.code === '40P01' || meta?.code === '40001') return true;
  return [e.cause, meta?.driverAdapterError].some((inner) => isTransientConflict(inner, depth + 1));
}

// PostgreSQL unreachable, or the connection lost under a query: node socket errors, SQLSTATE class 08
// (connection exception) and 57P01-57P03 (server shutting down / not accepting connections), Prisma's
// connection error codes and driver-adapter kinds, and node-postgres's messages for a dropped socket.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
]);
const UNAVAILABLE_KINDS =
  /^(DatabaseNotReachable|DatabaseUnavailable|ConnectionClosed|SocketTimeout|TooManyConnections)$/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|not queryable|Can't reach database server|Server has closed the connection|terminating connection|Connection ended unexpectedly|ECONNREFUSED|ECONNRESET|read ETIMEDOUT|write EPIPE/i;

/** Whether `error` (or what it wraps) says PostgreSQL is unreachable: a dependency outage, not a bug. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  if (typeof e.kind === 'string' && UNAVAILABLE_KINDS.test(e.kind)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  const meta = e.meta as { driverAdapterError?: unknown; cause?: unknown } | undefined;
  return [e.cause, meta?.driverAdapterError, meta?.cause].some((inner) =>
    isDatabaseUnavailable(inner, depth + 1),
  );
}

/** Maps every error to the one envelope; logs once; never leaks internals on 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers } = this.render(exception);
    const log = { reqId: request?.id, status, code: body.error.code, url: request?.url };
    if (status >= 500) this.logger.error({ ...log, err: exception }, 'request failed');
    else this.logger.info(log, body.error.message);
    if (headers) void reply.headers(headers);
    void reply.status(status).send(body);
  }

  private render(exception: unknown): {
    status: number;
    body: ErrorEnvelope;
    headers?: Record<string, string>;
  } {
    if (exception instanceof AppError) {
      return {
        status: exception.status,
        body: {
          error: {
            code: exception.code,
            message: exception.message,
            ...(exception.details ? { details: exception.details } : {}),
          },
        },
        ...(exception.headers ? { headers: exception.headers } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
      const message = status >= 500 ? 'Internal server error' : exception.message;
      return { status, body: { error: { code, message } } };
    }
    if (isClientError(exception)) {
      const status = exception.statusCode;
      return {
        status,
        body: { error: { code: CODE_BY_STATUS[status] ?? 'bad_request', message: exception.message } },
      };
    }
    // Each a 503 the client may retry after the given seconds: a dependency's state, not a bug.
    if (isStatementTimeout(exception)) {
      return unavailable(
        'The query took longer than the database statement timeout; narrow it or retry later',
        5,
      );
    }
    if (isTransientConflict(exception)) {
      return unavailable('The change met a concurrent one and was rolled back; retry it', 1);
    }
    if (isDatabaseUnavailable(exception)) {
      // PostgreSQL is down or the connection dropped: the request may be retried once it is back.
      return unavailable('The database is unavailable; retry shortly', 5);
    }
    if (isOverload(exception)) {
      // The database is saturated (no connection or transaction slot in time).
      return unavailable('The control plane is busy; retry shortly', 2);
    }
    return { status: 500, body: { error: { code: 'internal_error', message: 'Internal server error' } } };
  }
}

/** A 503 with Retry-After: the request may be retried once the dependency recovers. */
function unavailable(message: string, retryAfterSeconds: number) {
  return {
    status: 503,
    body: { error: { code: 'service_unavailable' as const, message } },
    headers: { 'retry-after': String(retryAfterSeconds) },
  };
}
