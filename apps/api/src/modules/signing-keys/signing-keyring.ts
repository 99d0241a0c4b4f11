import {
  type ConfigEnvelope,
  type ConfigKey,
  type ConfigKeySet,
  type SigningKey,
  signConfigEnvelope,
  type UnsignedConfigEnvelope,
} from '@aura/core';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../infrastructure/database.js';
import { LOGGER } from '../../infrastructure/logger.js';
import { type RedisClient, RedisConnections } from '../../infrastructure/redis-connections.js';
import { KeySetWriter, SigningKeySetupError } from './key-set-writer.js';
import { SigningKeyVault } from './signing-key-vault.js';
import { SigningKeysRepository } from './signing-keys.repository.js';

/** Key sets sent with one envelope at most (ConfigEnvelopeSchema); a robot further behind catches up over polls. */
const MAX_KEY_UPDATES = 100;
/** Every process re-reads the keys this often even without a change message (a lost message). */
export const KEYRING_REFRESH_MS = 10_000;
const BOOTSTRAP_RETRY_MS = 2000;

interface KeyringState {
  active: SigningKey;
  /** every key set, oldest first */
  sets: ConfigKeySet[];
}

/**
 * This process's view of the config-signing keys in PostgreSQL: the one active key (every process
 * signs with the key recorded as active, never one of its own) and the key-set chain delivered to
 * robots. Loaded at start — where a process that could never sign refuses to start — and reloaded when
 * any process announces a change on Redis, and every KEYRING_REFRESH_MS in case a message was lost.
 * Until the first load (PostgreSQL unreachable at start) signing answers 503 with Retry-After.
 */
@Injectable()
export class SigningKeyring implements OnModuleInit, OnModuleDestroy {
  private state: KeyringState | undefined;
  private problem = 'signing keys not loaded yet';
  private publisher: RedisClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** robot → the key-set version it was enrolled with (never changes once enrolled) */
  private readonly enrolledVersions = new Map<string, number>();

  constructor(
    @Inject(SigningKeysRepository) private readonly repository: SigningKeysRepository,
    @Inject(KeySetWriter) private readonly writer: KeySetWriter,
    @Inject(SigningKeyVault) private readonly vault: SigningKeyVault,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(RedisConnections) private readonly connections: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get channel() {
    return `${this.connections.keyPrefix}signing-keys-changed`;
  }

  async onModuleInit() {
    this.publisher = this.connections.create('signing-keys-publish');
    const subscriber = this.connections.createSubscriber('signing-keys-subscribe');
    subscriber.on('message', () => void this.reload().catch(() => undefined));
    subscriber.subscribe(this.channel).catch(() => undefined);
    try {
      await this.bootstrap();
    } catch (error) {
      if (error instanceof SigningKeySetupError) throw error;
      this.logger.warn(
        { err: (error as Error).message },
        'config-signing keys not loaded (database unreachable?); retrying in the background',
      );
      this.retryBootstrap();
    }
    this.timer = setInterval(() => void this.reload().catch(() => undefined), KEYRING_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy() {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
  }

  private async bootstrap() {
    await this.transactions.run(async () => {
      await this.repository.lock();
      await this.writer.bootstrap();
    });
    await this.reload({ strict: true });
  }

  private retryBootstrap() {
    const timer = setTimeout(() => {
      if (this.closed) return;
      this.bootstrap().catch((error: Error) => {
        if (error instanceof SigningKeySetupError) {
          this.problem = error.message;
          this.logger.error({ err: error.message }, 'this process cannot sign configs');
        }
        this.retryBootstrap();
      });
    }, BOOTSTRAP_RETRY_MS);
    timer.unref();
  }

  /** Re-reads keys and key sets; `strict`: a key this process cannot sign with is fatal (start-up). */
  async reload(options: { strict?: boolean } = {}): Promise<void> {
    const [rows, sets] = await Promise.all([this.repository.keys(), this.repository.keySets()]);
    const activeRow = rows.find((row) => row.status === 'active');
    let problem: string | undefined;
    let active: SigningKey | undefined;
    if (!activeRow) problem = 'no config-signing key is active';
    else if (activeRow.development && this.config.env === 'production') {
      problem = `the active key "${activeRow.keyId}" is a development key; a production process does not sign with one`;
    } else {
      const opened = this.vault.open(activeRow);
      if (typeof opened === 'string') problem = `cannot sign with the active key: ${opened}`;
      else active = opened;
    }
    if (!active || problem) {
      this.problem = problem ?? 'no active key';
      if (options.strict) throw new SigningKeySetupError(this.problem);
      if (this.state) this.logger.error({ problem: this.problem }, 'config signing unavailable');
      this.state = undefined;
      return;
    }
    if (this.state && this.state.active.keyId !== active.keyId) {
      this.logger.info({ keyId: active.keyId }, 'config-signing key changed');
    }
    this.state = { active, sets };
  }

  /** After a change committed: this process reloads now, the others when the message reaches them. */
  async changed(): Promise<void> {
    await this.reload();
    await this.publisher?.publish(this.channel, '1').catch((error: Error) => {
      this.logger.warn(
        { err: error.message },
        'could not announce a signing-key change; others reload within 10 s',
      );
    });
  }

  private current(): KeyringState {
    if (!this.state) {
      throw new AppError('service_unavailable', `Config signing is unavailable: ${this.problem}`, undefined, {
        'retry-after': '5',
      });
    }
    return this.state;
  }

  /** Signs an envelope with the fleet's active key. */
  sign(fields: Omit<UnsignedConfigEnvelope, 'keyId'>): ConfigEnvelope {
    return signConfigEnvelope(fields, this.current().active);
  }

  /** The newest key-set version (0 before the first). */
  latestVersion(): number {
    return this.current().sets.at(-1)?.version ?? 0;
  }

  /** The keys a robot enrolling now is handed, and the key-set version they are. */
  enrolmentKeys(): { version: number; keys: ConfigKey[] } {
    const latest = this.current().sets.at(-1);
    if (latest) return { version: latest.version, keys: latest.keys };
    return { version: 0, keys: [] };
  }

  /** The key sets after `version`, oldest first (at most 100). */
  keyUpdatesAfter(version: number): ConfigKeySet[] {
    return this.current()
      .sets.filter((set) => set.version > version)
      .slice(0, MAX_KEY_UPDATES);
  }

  /**
   * The key sets a robot reporting `reported` (its KEY_SET_VERSION_HEADER) needs: those after it, or
   * for 0 (its enrolment keys) those after the version it was enrolled with (read once per robot).
   */
  async keyUpdatesFor(robotId: string, reported: number): Promise<ConfigKeySet[]> {
    const latest = this.latestVersion();
    if (reported >= latest) return [];
    const base = reported > 0 ? reported : await this.enrolledVersion(robotId);
    return base >= latest ? [] : this.keyUpdatesAfter(base);
  }

  /** Whether a robot reporting `reported` lacks key sets (no database read once its base is known). */
  async isBehind(robotId: string, reported: number): Promise<boolean> {
    const latest = this.latestVersion();
    if (reported >= latest) return false;
    return (reported > 0 ? reported : await this.enrolledVersion(robotId)) < latest;
  }

  private async enrolledVersion(robotId: string): Promise<number> {
    const known = this.enrolledVersions.get(robotId);
    if (known !== undefined) return known;
    const version = (await this.repository.enrolledKeySetVersion(robotId)) ?? 0;
    if (this.enrolledVersions.size >= 200_000) this.enrolledVersions.clear();
    this.enrolledVersions.set(robotId, version);
    return version;
  }

  /** The active key's id (envelopes signed with another are signed again). */
  activeKeyId(): string {
    return this.current().active.keyId;
  }
}
