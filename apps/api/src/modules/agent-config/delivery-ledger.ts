import type { ConfigAck } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { GroupCommit, retryOnDeadlock } from '../../common/group-commit.js';
import { type AckOutcome, AgentConfigRepository } from './agent-config.repository.js';

/**
 * Delivery and acknowledgement bookkeeping, written in batches (group commit): the deliveries and
 * acks of every robot answered within a few milliseconds share one statement and one commit. Each
 * caller is answered only after its batch committed, so a robot that acks through another API
 * process right after its delivery finds the delivery recorded, and an answered ack is durable.
 */
@Injectable()
export class DeliveryLedger {
  private readonly deliveries: GroupCommit<{ robotId: string; version: number }, undefined>;
  private readonly acks: GroupCommit<{ robotId: string; ack: ConfigAck }, AckOutcome>;

  constructor(@Inject(AgentConfigRepository) configs: AgentConfigRepository) {
    this.deliveries = new GroupCommit(
      async (items) => {
        await retryOnDeadlock(() => configs.markDelivered(items));
        return items.map(() => undefined);
      },
      { maxBatch: 2000, maxDelayMs: 5, concurrency: 2 },
    );
    this.acks = new GroupCommit((items) => retryOnDeadlock(() => configs.acknowledge(items)), {
      maxBatch: 2000,
      maxDelayMs: 5,
      concurrency: 2,
      key: (item) => `${item.robotId}:${item.ack.version}`,
    });
  }

  /** Resolves once the delivery of `version` to the robot is recorded. */
  delivered(robotId: string, version: number): Promise<undefined> {
    return this.deliveries.submit({ robotId, version });
  }

  /** Records the ack; resolves with what the robot's config row said, once committed. */
  acknowledge(robotId: string, ack: ConfigAck): Promise<AckOutcome> {
    return this.acks.submit({ robotId, ack });
  }
}
