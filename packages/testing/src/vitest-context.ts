// Values the integration runs' global setup (vitest-global-setup.ts) provides to every test file.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    redisPrefix: string;
  }
}
