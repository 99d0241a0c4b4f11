import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { bodyMayHoldNul, type JsonTextParser, jsonBodyParser } from './common/json-body.js';
import { nulPath } from './common/nul-path.js';
import { type AppConfig, ConfigError, loadConfig, requireSigningKeySource } from './config/app-config.js';
import { PinoNestLogger } from './infrastructure/logger.js';
import { DesiredConfigStore } from './modules/agent-config/desired-config-store.js';
import { MetricsService } from './modules/metrics/metrics.service.js';
import { SigningKeySetupError } from './modules/signing-keys/key-set-writer.js';
import { serveOpenApi } from './openapi.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Builds the HTTP application (not listening yet). Used by main.ts and the integration tests. */
export async function createApiApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    // A client must deliver its whole request (headers and body) in time, or it is dropped (408): a
    // slow-body client cannot hold a connection. Long-polls are unaffected (this bounds the request,
    // not the response). `connectionsCheckingInterval` is how often Node checks these deadlines.
    requestTimeout: config.http.requestTimeoutMs,
    http: { headersTimeout: config.http.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    trustProxy: config.http.trustProxy,
    // Honour a caller's request id when it is sane; otherwise mint one. It is echoed on every response.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // The API speaks JSON only: a body of any other type is refused before parsing (415).
  fastify.addHook('onRequest', async (request, reply) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || !['POST', 'PUT', 'PATCH'].includes(request.method)) return;
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
      await reply.status(415).send({
        error: {
          code: 'unsupported_media_type',
          message: `Request bodies must be application/json (got ${type ? `"${type.slice(0, 100)}"` : 'no content type'})`,
        },
      });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ config, logger, role: 'api' }),
    adapter,
    { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false },
  );
  // JSON bodies: Fastify's own parser (same limits, same 400s, prototype poisoning refused), behind a
  // scan of the body's bytes for the escape `\u0000` that lets the NUL check below skip the walk.
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  app.useBodyParser(
    'application/json',
    { bodyLimit: config.bodyLimitBytes },
    jsonBodyParser(
      fastify.getDefaultJsonParser(
        onProtoPoisoning ?? 'error',
        onConstructorPoisoning ?? 'error',
      ) as JsonTextParser,
    ),
  );
  // PostgreSQL text cannot hold NUL characters: refuse them up front (400 naming the field), never 500.
  fastify.addHook('preValidation', async (request, reply) => {
    const where = (bodyMayHoldNul(request) ? nulPath(request.body) : undefined) ?? nulPath(request.query);
    if (where !== undefined) {
      await reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: `Strings must not contain NUL characters (at ${where || '(body)'})`,
          details: [{ path: where || '(body)', message: 'must not contain NUL (\\u0000) characters' }],
        },
      });
    }
  });
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  serveOpenApi(app);
  app.enableShutdownHooks();
  // Config polls are answered from memory: load every robot's desired config now, not on a first poll
  // (a database that is down at start only delays this to the first poll).
  app
    .get(DesiredConfigStore)
    .start()
    .catch((error: Error) => logger.warn({ err: error.message }, 'desired configs not loaded yet'));
  return app;
}

/** Builds the worker: the same module graph plus BullMQ processors, no HTTP. */
export async function createWorkerApp(config: AppConfig, logger: Logger): Promise<INestApplicationContext> {
  // DATABASE_STATEMENT_TIMEOUT_MS bounds the API's queries (operators'); the worker's jobs (a revert of
  // a whole fleet, aggregates) are bounded by their own design, not cancelled half-way.
  const workerConfig: AppConfig = { ...config, database: { ...config.database, statementTimeoutMs: 0 } };
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: workerConfig, logger, role: 'worker' }),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  app.enableShutdownHooks();
  return app;
}

/**
 * Reads configuration or stops the process with one line naming the bad variable. API and worker
 * also need a source of config-signing keys (no throw-away keys: requireSigningKeySource).
 */
export function configOrExit(): AppConfig {
  try {
    const config = loadConfig();
    requireSigningKeySource(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * Start-up failures an operator must fix (a signing-key setup this process could never sign with)
 * stop the process with one line and EX_CONFIG, like a bad variable; anything else is rethrown.
 */
export function exitOnSetupError(error: unknown): never {
  if (error instanceof SigningKeySetupError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}

/** Closes the app within the configured deadline, then exits. */
export function exitOnSignals(app: { close(): Promise<void> }, config: AppConfig, logger: Logger) {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
