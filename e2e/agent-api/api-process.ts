import {
  type ApiTransport,
  createAdminKey,
  expectStatus,
  httpTransport,
  type RunningService,
  startApi,
  uniqueName,
} from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import pg from 'pg';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A real API process on this run's database and Redis prefix, and what a test asks of it. */
export interface ApiProcess {
  server: RunningService;
  /** the environment it was started with (run database, Redis prefix, development signing keys, `env`) */
  env: Record<string, string>;
  api: ApiTransport;
  /** a new operator of `role` (made by an admin the admin CLI created), its API key */
  operatorKey(role: 'viewer' | 'operator' | 'admin'): Promise<string>;
  /** a call that must succeed (2xx), its JSON */
  // biome-ignore lint/suspicious/noExplicitAny: test JSON, read field by field as the assertions need
  ok(token: string, method: Method, url: string, payload?: object): Promise<any>;
  /** SQL against the API's database (the test's own connection) */
  // biome-ignore lint/suspicious/noExplicitAny: rows as PostgreSQL returns them
  sql<T = any>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string> = {}): Promise<ApiProcess> {
  const fullEnv = { ...runServiceEnv(), CONFIG_SIGNING_DEV_KEYS: 'true', ...env };
  const server = await startApi(fullEnv);
  const api = httpTransport(server.url);
  const db = new pg.Client({ connectionString: fullEnv.DATABASE_URL });
  try {
    await db.connect();
  } catch (error) {
    await server.stop();
    throw error;
  }
  let admin: string | undefined;
  const ok: ApiProcess['ok'] = async (token, method, url, payload) => {
    const response = await api.request({ method, url, token, ...(payload ? { payload } : {}) });
    if (response.statusCode < 200 || response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : undefined;
  };
  return {
    server,
    env: fullEnv,
    api,
    ok,
    async operatorKey(role) {
      admin ??= createAdminKey(fullEnv, uniqueName('admin'));
      const created = await expectStatus<{ apiKey: { token: string } }>(api, 201, {
        method: 'POST',
        url: '/v1/operators',
        token: admin,
        payload: { name: uniqueName(role), role },
      });
      return created.apiKey.token;
    },
    async sql(text, values = []) {
      return (await db.query(text, values)).rows;
    },
    async stop() {
      await db.end().catch(() => undefined);
      await server.stop();
    },
  };
}
