import { configOrExit, createWorkerApp, exitOnSetupError, exitOnSignals } from './bootstrap.js';
import { createLogger } from './infrastructure/logger.js';
import { serveWorkerHttp } from './modules/health/worker-http-server.js';

const config = configOrExit();
const logger = createLogger(config, 'aura-worker');
const app = await createWorkerApp(config, logger);
await app.init().catch(exitOnSetupError);
const server =
  config.http.workerPort === undefined
    ? undefined
    : await serveWorkerHttp(app, { host: config.http.host, port: config.http.workerPort }, logger);
logger.info({ prefix: config.redis.prefix }, 'worker consuming queues');
// /readyz answers 503 while the worker drains; the server closes once the queues have.
exitOnSignals(
  {
    close: async () => {
      await app.close();
      server?.closeAllConnections();
      server?.close();
    },
  },
  config,
  logger,
);
