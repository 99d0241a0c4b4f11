import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../../infrastructure/logger.js';

/** One re-read of changed robots in this process and the deliveries that followed it. */
export class DeliveryWave {
  delivered = 0;
  firstDeliveredAt = 0;
  lastDeliveredAt = 0;
  signMs = 0;
  private readonly ledgerWaits: number[] = [];
  private readonly answerDelays: number[] = [];
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    /** When the first change of this re-read was heard of (notification received, or asked for). */
    readonly notifiedAt: number,
    readonly readStartedAt: number,
    readonly readMs: number,
    /** The configs came in the change message (no re-read; readMs 0). */
    readonly carried: boolean,
    /** Robots whose version moved. */
    readonly changed: number,
    /** Of those, long-polls waiting in this process when they were woken. */
    readonly waiting: number,
    readonly wokenAt: number,
    /** The synchronous wake-up loop (resolving the waiting polls' promises). */
    readonly wakeLoopMs: number,
    private readonly report: (wave: DeliveryWave) => void,
  ) {
    // Robots not waiting when woken get theirs on their next poll: report what came within 15 s.
    this.timer = setTimeout(() => this.finish(), 15_000);
    this.timer.unref();
  }

  /**
   * A robot of this wave was handed its envelope (after `signMs` signing and `ledgerMs` delivery
   * bookkeeping — since the record is written after the answer, only the time to queue it).
   */
  deliveredOne(signMs: number, ledgerMs: number) {
    const now = Date.now();
    this.delivered++;
    this.firstDeliveredAt ||= now;
    this.lastDeliveredAt = now;
    this.signMs += signMs;
    this.ledgerWaits.push(ledgerMs);
    this.answerDelays.push(now - this.wokenAt);
    if (this.delivered >= this.changed) this.finish();
  }

  summary() {
    const pct = (values: number[], q: number) => {
      if (values.length === 0) return null;
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
    };
    return {
      notifiedAt: this.notifiedAt,
      readStartedAt: this.readStartedAt,
      readMs: this.readMs,
      carried: this.carried,
      changed: this.changed,
      waiting: this.waiting,
      wokenAt: this.wokenAt,
      wakeLoopMs: this.wakeLoopMs,
      delivered: this.delivered,
      firstDeliveredAt: this.firstDeliveredAt || null,
      lastDeliveredAt: this.lastDeliveredAt || null,
      deliveredAfterWakeP50Ms: pct(this.answerDelays, 0.5),
      deliveredAfterWakeP99Ms: pct(this.answerDelays, 0.99),
      signMsTotal: Math.round(this.signMs),
      ledgerWaitP50Ms: pct(this.ledgerWaits, 0.5),
      ledgerWaitMaxMs: pct(this.ledgerWaits, 1),
    };
  }

  private finish() {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.report(this);
  }
}

/**
 * Where a config change's time goes in this API process (issue 15): the operator's transition
 * (`step`, logged by the rollout lifecycle), and for each re-read that moved
 * robots, when the change was heard of, the re-read, the wake-up of the waiting long-polls, and when
 * their envelopes were handed out (signing, delivery bookkeeping) — one info line per wave,
 * `config wave timing`, which `pnpm bench rollout` reads to explain a step's tail. A counter and two
 * numbers per delivery; nothing per poll that stays unanswered.
 */
@Injectable()
export class DeliveryTiming {
  private readonly logger: Logger;

  constructor(@Inject(LOGGER) logger: Logger) {
    // A few lines per rollout step: shown at `info` also under LOG_LEVEL=warn (what the test and
    // benchmark processes run with, where request logs at info would drown them); error, fatal or
    // silent hide them.
    const quiet = ['error', 'fatal', 'silent'].includes(logger.level);
    this.logger = quiet
      ? logger
      : logger.child({}, { level: logger.isLevelEnabled('info') ? logger.level : 'info' });
  }

  /** One line for a rollout transition that changed robots' configs ('rollout step timing'). */
  step(timing: Record<string, unknown>, requestId: string) {
    this.logger.info({ requestId, timing }, 'rollout step timing');
  }

  wave(fields: {
    notifiedAt: number;
    readStartedAt: number;
    readMs: number;
    carried: boolean;
    changed: number;
    waiting: number;
    wokenAt: number;
    wakeLoopMs: number;
  }): DeliveryWave {
    return new DeliveryWave(
      fields.notifiedAt,
      fields.readStartedAt,
      fields.readMs,
      fields.carried,
      fields.changed,
      fields.waiting,
      fields.wokenAt,
      fields.wakeLoopMs,
      (wave) => this.logger.info({ timing: wave.summary() }, 'config wave timing'),
    );
  }
}
