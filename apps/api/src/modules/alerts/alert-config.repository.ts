import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import type { AlertChannelKind, AlertSeverity } from '../../generated/prisma/enums.js';
import { Database, Transactions } from '../../infrastructure/database.js';

export type Tx = Prisma.TransactionClient;

export interface RuleData {
  name: string;
  description: string | null;
  kind: string;
  scope: Prisma.InputJsonValue;
  params: Prisma.InputJsonValue;
  severity: AlertSeverity;
  repeatIntervalMinutes: number;
  enabled: boolean;
  channelIds: string[];
}

const ruleInclude = {
  channels: { include: { channel: { select: { id: true, name: true, kind: true } } } },
  _count: { select: { alerts: { where: { state: 'firing' as const } } } },
} satisfies Prisma.AlertRuleInclude;

export type RuleRow = Prisma.AlertRuleGetPayload<{ include: typeof ruleInclude }>;
export type ChannelRow = Prisma.AlertChannelGetPayload<object>;
export type SilenceRow = Prisma.AlertSilenceGetPayload<{ include: { rule: { select: { name: true } } } }>;

/** Alert rules, channels and silences: what operators configure. */
@Injectable()
export class AlertConfigRepository {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  /** Runs `fn` in one transaction (Transactions.run); audit events recorded inside join it. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run(() => fn(this.db.client));
  }

  // ── rules ────────────────────────────────────────────────────────────────────────────────────────

  listRules(): Promise<RuleRow[]> {
    return this.db.client.alertRule.findMany({
      orderBy: [{ name: 'asc' }, { createdAt: 'asc' }],
      include: ruleInclude,
    });
  }

  findRule(id: string, tx: Tx = this.db.client): Promise<RuleRow | null> {
    return tx.alertRule.findUnique({ where: { id }, include: ruleInclude });
  }

  enabledRules(): Promise<RuleRow[]> {
    return this.db.client.alertRule.findMany({ where: { enabled: true }, include: ruleInclude });
  }

  createRule(tx: Tx, data: RuleData, createdById: string): Promise<RuleRow> {
    const { channelIds, ...fields } = data;
    return tx.alertRule.create({
      data: { ...fields, createdById, channels: { create: channelIds.map((channelId) => ({ channelId })) } },
      include: ruleInclude,
    });
  }

  updateRule(tx: Tx, id: string, data: RuleData): Promise<RuleRow> {
    const { channelIds, ...fields } = data;
    return tx.alertRule.update({
      where: { id },
      data: {
        ...fields,
        channels: { deleteMany: {}, create: channelIds.map((channelId) => ({ channelId })) },
      },
      include: ruleInclude,
    });
  }

  async deleteRule(tx: Tx, id: string) {
    await tx.alertRule.delete({ where: { id } });
  }

  async groupExists(id: string): Promise<boolean> {
    return (await this.db.client.robotGroup.count({ where: { id } })) > 0;
  }

  // ── channels ─────────────────────────────────────────────────────────────────────────────────────

  listChannels(): Promise<ChannelRow[]> {
    return this.db.client.alertChannel.findMany({ orderBy: { name: 'asc' } });
  }

  findChannel(id: string, tx: Tx = this.db.client): Promise<ChannelRow | null> {
    return tx.alertChannel.findUnique({ where: { id } });
  }

  findChannels(ids: string[]): Promise<ChannelRow[]> {
    return this.db.client.alertChannel.findMany({ where: { id: { in: ids } } });
  }

  channelNameTaken(name: string, exceptId?: string): Promise<boolean> {
    return this.db.client.alertChannel
      .count({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) } })
      .then((n) => n > 0);
  }

  createChannel(
    tx: Tx,
    data: { name: string; kind: AlertChannelKind; url: string; routingKey: string | null; secret: string },
    createdById: string,
  ): Promise<ChannelRow> {
    return tx.alertChannel.create({ data: { ...data, createdById } });
  }

  updateChannel(
    tx: Tx,
    id: string,
    data: { name: string; kind: AlertChannelKind; url: string; routingKey: string | null },
  ): Promise<ChannelRow> {
    return tx.alertChannel.update({ where: { id }, data });
  }

  /** Names of the rules that send to a channel (a channel in use cannot be deleted). */
  async rulesUsingChannel(id: string): Promise<string[]> {
    const rows = await this.db.client.alertRuleChannel.findMany({
      where: { channelId: id },
      include: { rule: { select: { name: true } } },
    });
    return rows.map((row) => row.rule.name);
  }

  async deleteChannel(tx: Tx, id: string) {
    await tx.alertChannel.delete({ where: { id } });
  }

  // ── silences ─────────────────────────────────────────────────────────────────────────────────────

  listSilences(options: { includeEnded: boolean; now: Date }): Promise<SilenceRow[]> {
    return this.db.client.alertSilence.findMany({
      where: options.includeEnded ? {} : { expiredAt: null, endsAt: { gt: options.now } },
      orderBy: { createdAt: 'desc' },
      take: 500,
      include: { rule: { select: { name: true } } },
    });
  }

  /** Silences in force now (for the engine and the firing list). */
  activeSilences(now: Date) {
    return this.db.client.alertSilence.findMany({
      where: { expiredAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    });
  }

  findSilence(id: string, tx: Tx = this.db.client): Promise<SilenceRow | null> {
    return tx.alertSilence.findUnique({ where: { id }, include: { rule: { select: { name: true } } } });
  }

  createSilence(
    tx: Tx,
    data: { ruleId: string | null; subjectId: string | null; reason: string; startsAt: Date; endsAt: Date },
    createdById: string,
  ): Promise<SilenceRow> {
    return tx.alertSilence.create({
      data: { ...data, createdById },
      include: { rule: { select: { name: true } } },
    });
  }

  expireSilence(tx: Tx, id: string, at: Date): Promise<SilenceRow> {
    return tx.alertSilence.update({
      where: { id },
      data: { expiredAt: at },
      include: { rule: { select: { name: true } } },
    });
  }

  async operatorNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db.client.operator.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
