import type { ConfigAck } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { GroupCommit, retryOnDeadlock } from '../../common/group-commit.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type AckOutcome, AgentConfigRepository } from './agent-config.repository.js';

/**
 * Delivery and acknowledgement bookkeeping, written in batches (group commit): the deliveries and
 * acks of every robot answered within a few milliseconds share one statement and one commit.
 *
 * Deliveries are recorded **after** the poll is answered (issue 15): the answer does not wait for
 * the commit. An ack does not depend on it: the ack statement accepts the robot's desired version
 * whether or not its delivery is recorded yet (the desired version is committed before any robot can
 * be handed it) and records the delivery itself. A crash between answer and record therefore loses
 * only the `delivered` mark of a robot that never acks (it expires at the end of the bake like any
 * unacknowledged member) and duplicates nothing (the record only fills a delivery not yet recorded).
 * An ack is still answered only after its batch committed, so an answered ack is durable.
 */
@Injectable()
export class DeliveryLedger {
  private readonly deliveries: GroupCommit<{ robotId: string; version: number }, undefined>;
  private readonly acks: GroupCommit<{ robotId: string; ack: ConfigAck }, AckOutcome>;
  /** Deliveries handed out by this process and not recorded yet, by `robotId:version`. */
  private readonly unrecorded = new Map<string, Promise<boolean>>();

  constructor(
    @Inject(AgentConfigRepository) configs: AgentConfigRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
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

  /**
   * Records the delivery of `version` to the robot in the next batch; the caller does not wait for
   * it. Resolves true once recorded, false when the batch failed (logged; the robot's ack, should it
   * come, records the delivery, and the next delivery of the version tries again).
   */
  delivered(robotId: string, version: number): Promise<boolean> {
    const key = `${robotId}:${version}`;
    const existing = this.unrecorded.get(key);
    if (existing) return existing;
    const recorded = this.deliveries.submit({ robotId, version }).then(
      () => true,
      (error: unknown) => {
        this.logger.warn(
          { err: (error as Error).message, robotId, version },
          'could not record a config delivery (the robot was answered; its ack records it)',
        );
        return false;
      },
    );
    this.unrecorded.set(key, recorded);
    void recorded.then(() => this.unrecorded.delete(key));
    return recorded;
  }

  /** The pending record of a delivery this process handed out, if it is not written yet. */
  recording(robotId: string, version: number): Promise<boolean> | undefined {
    return this.unrecorded.get(`${robotId}:${version}`);
  }

  /** Records the ack; resolves with what the robot's config row said, once committed. */
  acknowledge(robotId: string, ack: ConfigAck): Promise<AckOutcome> {
    return this.acks.submit({ robotId, ack });
  }
}
