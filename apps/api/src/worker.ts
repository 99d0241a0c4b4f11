import { configOrExit, createWorkerApp, exitOnSignals } from './bootstrap.js';
import { createLogger } from './infrastructure/logger.js';

const config = configOrExit();
const logger = createLogger(config, 'aura-worker');
const app = await createWorkerApp(config, logger);
await app.init();
logger.info({ prefix: config.redis.prefix }, 'worker consuming queues');
exitOnSignals(app, config, logger);
