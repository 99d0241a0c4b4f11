import { randomBytes } from 'node:crypto';
import type { AlertChannelInput } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { AlertConfigRepository } from './alert-config.repository.js';
import { channelView } from './alert-views.js';
import { TargetGuard } from './target-guard.js';

/** Notification channels. Their signing secret is made here and shown once; URLs pass the SSRF guard. */
@Injectable()
export class AlertChannelsService {
  constructor(
    @Inject(AlertConfigRepository) private readonly config: AlertConfigRepository,
    @Inject(TargetGuard) private readonly guard: TargetGuard,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list() {
    return { items: (await this.config.listChannels()).map(channelView) };
  }

  async get(id: string) {
    const channel = await this.config.findChannel(id);
    if (!channel) throw new AppError('not_found', 'Alert channel not found');
    return channelView(channel);
  }

  async create(operator: OperatorPrincipal, input: AlertChannelInput, requestId: string) {
    await this.check(input);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const channel = await this.config.transaction(async (tx) => {
      const created = await this.config.createChannel(
        tx,
        { name: input.name, kind: input.kind, url: input.url, routingKey: input.routingKey ?? null, secret },
        operator.operatorId,
      );
      await this.audit.recordOperator(operator, {
        action: 'alert_channel.create',
        targetType: 'alert_channel',
        targetId: created.id,
        after: channelView(created),
        requestId,
      });
      return created;
    });
    return { ...channelView(channel), secret };
  }

  /** Replaces name, kind, URL and routing key; the signing secret stays. */
  async update(operator: OperatorPrincipal, id: string, input: AlertChannelInput, requestId: string) {
    await this.check(input, id);
    const channel = await this.config.transaction(async (tx) => {
      const before = await this.config.findChannel(id, tx);
      if (!before) throw new AppError('not_found', 'Alert channel not found');
      const updated = await this.config.updateChannel(tx, id, {
        name: input.name,
        kind: input.kind,
        url: input.url,
        routingKey: input.routingKey ?? null,
      });
      await this.audit.recordOperator(operator, {
        action: 'alert_channel.update',
        targetType: 'alert_channel',
        targetId: id,
        before: channelView(before),
        after: channelView(updated),
        requestId,
      });
      return updated;
    });
    return channelView(channel);
  }

  async remove(operator: OperatorPrincipal, id: string, requestId: string) {
    const rules = await this.config.rulesUsingChannel(id);
    if (rules.length) {
      throw new AppError(
        'conflict',
        `The channel is used by rule(s) ${rules.map((r) => `"${r}"`).join(', ')}`,
      );
    }
    await this.config.transaction(async (tx) => {
      const before = await this.config.findChannel(id, tx);
      if (!before) throw new AppError('not_found', 'Alert channel not found');
      await this.config.deleteChannel(tx, id);
      await this.audit.recordOperator(operator, {
        action: 'alert_channel.delete',
        targetType: 'alert_channel',
        targetId: id,
        before: channelView(before),
        requestId,
      });
    });
  }

  private async check(input: AlertChannelInput, exceptId?: string) {
    const refusal = await this.guard.check(input.url);
    if (refusal) {
      throw new AppError('validation_failed', `Invalid body: url ${refusal}`, [
        { path: 'url', message: refusal },
      ]);
    }
    if (await this.config.channelNameTaken(input.name, exceptId)) {
      throw new AppError('conflict', `A channel named "${input.name}" exists`, [
        { path: 'name', message: 'is taken' },
      ]);
    }
  }
}
