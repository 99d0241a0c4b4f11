import { randomUUID } from 'node:crypto';
import type { OperatorRole } from '@aura/core/contract';
import { enrollRobot, type ServiceEnv } from '@aura/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApiApp } from '../../src/bootstrap.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { createLogger } from '../../src/infrastructure/logger.js';
import { PrismaService } from '../../src/infrastructure/prisma.service.js';
import { insertOperatorWithKey } from '../../src/modules/operators/operators.repository.js';
import { testConfig } from './test-config.js';

export { uniqueName } from '@aura/testing';

/** The field paths a 400 names, sorted; anything but a 400 fails the test (with the body). */
export function refusedFields(response: LightMyRequestResponse): string[] {
  expect(response.statusCode, response.body).toBe(400);
  return response
    .json()
    .error.details.map((d: { path: string }) => d.path)
    .sort();
}

/**
 * A running API (in this process) on the run's database, plus helpers to call it as someone. It is
 * an `ApiTransport`: the fixtures of @aura/testing (SimRobot, enrollRobot, createRollout) take it.
 */
export class ApiHarness {
  #running?: { app: NestFastifyApplication; config: AppConfig; prisma: PrismaService };

  private constructor() {}

  static async start(overrides: Record<string, string> = {}): Promise<ApiHarness> {
    const harness = new ApiHarness();
    await harness.open(overrides);
    return harness;
  }

  /**
   * The fixture of a `describe` block: one API started in its beforeAll with a fresh operator key for
   * each of `roles` (`keys.operator`, …), closed in its afterAll. `api` and `keys` may be read in
   * tests and in later hooks; `env` overrides the test configuration (`AGENT_RATE_LIMIT: '0'`).
   */
  static forSuite<R extends OperatorRole>(
    roles: readonly R[],
    env: Record<string, string> = {},
    timeoutMs = 60_000,
  ): { api: ApiHarness; keys: Record<R, string> } {
    const api = new ApiHarness();
    const keys = {} as Record<R, string>;
    beforeAll(async () => {
      await api.open(env);
      for (const role of roles) keys[role] = await api.operatorKey(role);
    }, timeoutMs);
    afterAll(() => api.close());
    return { api, keys };
  }

  private async open(overrides: Record<string, string>) {
    const config = testConfig(overrides);
    const app = await createApiApp(config, createLogger(config, 'test-api'));
    this.#running = { app, config, prisma: app.get(PrismaService) };
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }

  private get running() {
    if (!this.#running)
      throw new Error('the test API is not started (ApiHarness.forSuite starts it in beforeAll)');
    return this.#running;
  }

  get app(): NestFastifyApplication {
    return this.running.app;
  }

  get config(): AppConfig {
    return this.running.config;
  }

  get prisma(): PrismaService {
    return this.running.prisma;
  }

  /** Closes the API; nothing to do when it never started (its beforeAll failed). */
  async close() {
    await this.#running?.app.close();
    this.#running = undefined;
  }

  /**
   * This API's database, Redis and Redis prefix, for a second process (startApi, startWorker) beside
   * it; like testConfig, with the run database's one development signing key that every test process shares.
   */
  serviceEnv(): ServiceEnv & { CONFIG_SIGNING_DEV_KEYS: string } {
    return {
      DATABASE_URL: this.config.database.url,
      REDIS_URL: this.config.redis.url,
      REDIS_PREFIX: this.config.redis.prefix,
      CONFIG_SIGNING_DEV_KEYS: 'true',
    };
  }

  /** A fresh operator of `role` and its API key token. */
  async operatorKey(role: OperatorRole): Promise<string> {
    const created = await this.prisma.$transaction((tx) =>
      insertOperatorWithKey(tx, { name: `${role}-${randomUUID().slice(0, 8)}`, role }),
    );
    return created.apiKey.token;
  }

  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse> {
    const { token, headers, ...rest } = options;
    return this.app.inject({
      ...rest,
      headers: { ...(headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }) as Promise<LightMyRequestResponse>;
  }

  /** A call as `token` that must succeed: its JSON body; any status from 300 on throws, naming the call and the answer. */
  async ok(token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const response = await this.request({ method, url, token, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  }

  /** Creates an enrolment token as an operator and enrols a robot with it. */
  enrollRobot(operatorToken: string, name?: string) {
    return enrollRobot(this, operatorToken, name);
  }
}
