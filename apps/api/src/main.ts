import { configOrExit, createApiApp, exitOnSetupError, exitOnSignals } from './bootstrap.js';
import { createLogger } from './infrastructure/logger.js';

const config = configOrExit();
const logger = createLogger(config, 'aura-api');
const app = await createApiApp(config, logger);
await app.init().catch(exitOnSetupError);
await app.listen({ host: config.http.host, port: config.http.port });
logger.info({ url: `http://${config.http.host}:${config.http.port}` }, 'api listening');
exitOnSignals(app, config, logger);
