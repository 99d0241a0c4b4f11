import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApiApp } from '../../src/bootstrap.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { createLogger } from '../../src/infrastructure/logger.js';
import { PrismaService } from '../../src/infrastructure/prisma.service.js';
import { OperatorsService } from '../../src/modules/operators/operators.service.js';
import { testConfig } from './test-config.js';

export type Role = 'viewer' | 'operator' | 'admin';

/** A running API (in this process) on the run's database, plus helpers to call it as someone. */
export class ApiHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly prisma: PrismaService,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<ApiHarness> {
    const config = testConfig(overrides);
    const app = await createApiApp(config, createLogger(config, 'test-api'));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new ApiHarness(app, config, app.get(PrismaService));
  }

  async close() {
    await this.app.close();
  }

  /** A fresh operator of `role` and its API key token. */
  async operatorKey(role: Role): Promise<string> {
    const created = await this.prisma.$transaction((tx) =>
      OperatorsService.createWithKey(tx, { name: `${role}-${randomUUID().slice(0, 8)}`, role }),
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

  /** Creates an enrolment token as an operator and enrols a robot with it. */
  async enrollRobot(operatorToken: string, name = `robot-${randomUUID().slice(0, 8)}`) {
    const token = await this.request({
      method: 'POST',
      url: '/v1/enrollment-tokens',
      token: operatorToken,
      payload: { name: `for ${name}` },
    });
    if (token.statusCode !== 201) throw new Error(`token creation failed: ${token.body}`);
    const enrolled = await this.request({
      method: 'POST',
      url: '/v1/agent/enroll',
      payload: { enrollmentToken: token.json().token, name },
    });
    if (enrolled.statusCode !== 201) throw new Error(`enrolment failed: ${enrolled.body}`);
    return enrolled.json() as {
      robotId: string;
      robotSecret: string;
      configKeys: { keyId: string; publicKey: string }[];
    };
  }
}

export function uniqueName(prefix: string) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
