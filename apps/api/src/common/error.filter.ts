import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LOGGER } from '../infrastructure/logger.js';
import { AppError, type ErrorCode, type ErrorEnvelope } from './app-error.js';

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
    if (isOverload(exception)) {
      // The database is saturated (no connection or transaction slot in time): ask to retry, not a bug.
      return {
        status: 503,
        body: { error: { code: 'service_unavailable', message: 'The control plane is busy; retry shortly' } },
        headers: { 'retry-after': '2' },
      };
    }
    return { status: 500, body: { error: { code: 'internal_error', message: 'Internal server error' } } };
  }
}
