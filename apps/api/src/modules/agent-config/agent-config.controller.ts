import {
  type ConfigAck,
  ConfigAckResultSchema,
  ConfigAckSchema,
  ConfigEnvelopeSchema,
  ConfigPollQuerySchema,
  configEtag,
  configVersionFromEtag,
  KEY_SET_VERSION_HEADER,
  MAX_CONFIG_VERSION,
} from '@aura/core';
import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiContract } from '../../common/api-contract.js';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { CurrentRobot, RobotAuth } from '../auth/auth.guards.js';
import type { RobotPrincipal } from '../auth/auth.types.js';
import { DesiredConfigService } from './desired-config.service.js';

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
      'ETag `"v<version>"`; send it as If-None-Match to get 304 when unchanged. `wait` long-polls up to 30 s. An agent that sends `x-aura-key-set-version` (the config-signing key-set version it trusts, 0 = its enrolment keys) gets the newer key sets in `keyUpdates`, and the envelope at the end of its wait instead of a 304 while its key set is behind.',
    tag: 'agent',
    auth: 'robot',
    query: ConfigPollQuerySchema,
    response: ConfigEnvelopeSchema,
    errors: [304],
  })
  async get(
    @CurrentRobot() robot: RobotPrincipal,
    @Query() query: { wait: number },
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const known = configVersionFromEtag(request.headers['if-none-match']);
    // The wait counts from the request's arrival, not from here: time spent before the handler (auth,
    // a busy event loop) comes off it, so the answer still comes within `wait` of the robot's asking
    // and a client timing out a little after `wait` is not left without one.
    const waitMs = Math.max(
      0,
      Math.min(query.wait, this.appConfig.configLongPollMaxSeconds) * 1000 - Math.ceil(reply.elapsedTime),
    );
    const aborted = new AbortController();
    request.raw.once('close', () => aborted.abort());
    const keySetVersion = reportedKeySetVersion(request.headers[KEY_SET_VERSION_HEADER]);
    const envelope = await this.configs.awaitChange(
      robot.robotId,
      known,
      waitMs,
      aborted.signal,
      keySetVersion,
    );
    void reply.header('cache-control', 'no-store');
    if (!envelope) {
      void reply.status(304).header('etag', configEtag(known ?? 0));
      return undefined;
    }
    void reply.header('etag', configEtag(envelope.version));
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
  ack(@CurrentRobot() robot: RobotPrincipal, @Body() ack: ConfigAck) {
    return this.configs.acknowledge(robot.robotId, ack);
  }
}

/** The KEY_SET_VERSION_HEADER value: absent → undefined (older agents), malformed → 400 naming it. */
function reportedKeySetVersion(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,10}$/.test(value) || Number(value) > MAX_CONFIG_VERSION) {
    throw new AppError('validation_failed', `${KEY_SET_VERSION_HEADER} must be a key-set version`, [
      {
        path: `headers.${KEY_SET_VERSION_HEADER}`,
        message: `must be a whole number 0-${MAX_CONFIG_VERSION}`,
      },
    ]);
  }
  return Number(value);
}
