import { type ConfigAck, ConfigAckSchema, ConfigEnvelopeSchema } from '@aura/core';
import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiContract } from '../../common/api-contract.js';
import { ZodPipe } from '../../common/zod-pipe.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ConfigAckResultSchema } from '../../contract/responses.js';
import { CurrentRobot, RobotAuth } from '../auth/auth.guards.js';
import type { RobotPrincipal } from '../auth/auth.types.js';
import { DesiredConfigService } from './desired-config.service.js';

const ConfigQuerySchema = z
  .object({
    wait: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be ≥ 0')
      .max(30, 'must be ≤ 30')
      .default(0),
  })
  .strict();

const etagOf = (version: number) => `"v${version}"`;

/** `If-None-Match: "v7"` (or W/"v7", or a list) → 7. */
function knownVersion(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const match = /"v(\d{1,15})"/.exec(value);
  return match ? Number(match[1]) : undefined;
}

@Controller('v1/agent/config')
@RobotAuth()
export class AgentConfigController {
  constructor(
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(APP_CONFIG) private readonly appConfig: AppConfig,
  ) {}

  /** The robot's signed desired config; 304 when unchanged; `wait` long-polls up to 30 s. */
  @Get()
  @ApiContract({
    summary: 'The robot’s signed desired config',
    description:
      'ETag `"v<version>"`; send it as If-None-Match to get 304 when unchanged. `wait` long-polls up to 30 s.',
    tag: 'agent',
    auth: 'robot',
    query: ConfigQuerySchema,
    response: ConfigEnvelopeSchema,
    errors: [304],
  })
  async get(
    @CurrentRobot() robot: RobotPrincipal,
    @Query(new ZodPipe(ConfigQuerySchema, 'query')) query: z.infer<typeof ConfigQuerySchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const known = knownVersion(request.headers['if-none-match']);
    const waitMs = Math.min(query.wait, this.appConfig.configLongPollMaxSeconds) * 1000;
    const aborted = new AbortController();
    request.raw.once('close', () => aborted.abort());
    const envelope = await this.configs.awaitChange(robot.robotId, known, waitMs, aborted.signal);
    void reply.header('cache-control', 'no-store');
    if (!envelope) {
      void reply.status(304).header('etag', etagOf(known ?? 0));
      return undefined;
    }
    void reply.header('etag', etagOf(envelope.version));
    return envelope;
  }

  /** The robot reports whether it applied or rejected a config it was given. */
  @Post('ack')
  @ApiContract({
    summary: 'Acknowledge a delivered config',
    tag: 'agent',
    auth: 'robot',
    body: ConfigAckSchema,
    response: ConfigAckResultSchema,
    errors: [409],
  })
  ack(@CurrentRobot() robot: RobotPrincipal, @Body(new ZodPipe(ConfigAckSchema)) ack: ConfigAck) {
    return this.configs.acknowledge(robot.robotId, ack);
  }
}
