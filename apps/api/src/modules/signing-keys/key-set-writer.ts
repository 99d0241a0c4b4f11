import { randomBytes } from 'node:crypto';
import { type ConfigKeySet, type SigningKey, signConfigKeySet } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SigningKeyVault } from './signing-key-vault.js';
import { SigningKeysRepository } from './signing-keys.repository.js';

/** A signing-key setup no process can work with (the process refuses to start with it). */
export class SigningKeySetupError extends Error {
  constructor(message: string) {
    super(`config-signing keys: ${message}`);
    this.name = 'SigningKeySetupError';
  }
}

/** Key sets carry at most this many signatures (ConfigKeySetSchema). */
const MAX_SIGNERS = 20;

export const newKeyId = () =>
  `cfg-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;

/**
 * Keeps the key-set chain equal to the keys' states: whenever the keys robots should trust (standby
 * and active) or the revoked ids change, a new version is signed — by every key robots holding the
 * previous version trust and this process can sign with, the active key first — and stored. Call it
 * inside a transaction holding SigningKeysRepository.lock().
 */
@Injectable()
export class KeySetWriter {
  constructor(
    @Inject(SigningKeysRepository) private readonly repository: SigningKeysRepository,
    @Inject(SigningKeyVault) private readonly vault: SigningKeyVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The newest key set after bringing it in line with the keys (a new version when they differ). */
  async sync(now = new Date()): Promise<ConfigKeySet> {
    const rows = await this.repository.keys();
    const trusted = rows.filter((row) => row.status === 'standby' || row.status === 'active');
    const revoked = rows.filter((row) => row.status === 'revoked').map((row) => row.keyId);
    const latest = await this.repository.latestKeySet();
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    if (
      latest &&
      same(
        latest.keys.map((k) => k.keyId),
        trusted.map((k) => k.keyId),
      ) &&
      same(latest.revoked, revoked)
    ) {
      return latest;
    }
    if (trusted.length === 0) throw new AppError('conflict', 'The key set would hold no key');
    // Robots holding the previous version accept the new one when a key they trust signed it.
    const previouslyTrusted = new Set((latest?.keys ?? trusted).map((k) => k.keyId));
    const signers: SigningKey[] = [];
    const ordered = [...rows].sort((a, b) => Number(b.status === 'active') - Number(a.status === 'active'));
    for (const row of ordered) {
      if (row.status === 'revoked' || signers.length >= MAX_SIGNERS) continue;
      if (!previouslyTrusted.has(row.keyId) && !trusted.some((t) => t.keyId === row.keyId)) continue;
      const key = this.vault.open(row);
      if (typeof key !== 'string') signers.push(key);
    }
    if (!signers.some((key) => previouslyTrusted.has(key.keyId))) {
      throw new AppError(
        'conflict',
        'No key that robots trust now can sign the new key set here (their private halves are not reachable by this process)',
      );
    }
    const set = signConfigKeySet(
      {
        version: (latest?.version ?? 0) + 1,
        keys: trusted.map((row) => ({ keyId: row.keyId, publicKey: row.publicKey })),
        revoked,
        issuedAt: now.toISOString(),
      },
      signers,
    );
    await this.repository.insertKeySet(set);
    return set;
  }

  /**
   * At start (under the lock): registers CONFIG_SIGNING_KEYS, makes sure one key is active — the
   * configured one, or a key generated into the database when only CONFIG_KEY_ENCRYPTION_KEY or
   * CONFIG_SIGNING_DEV_KEYS is set and no key exists yet — and brings the key set in line.
   * Throws SigningKeySetupError when this process could never sign.
   */
  async bootstrap(): Promise<void> {
    const existing = await this.repository.keys();
    for (const key of this.vault.environmentKeys()) {
      const row = existing.find((r) => r.keyId === key.keyId);
      if (row && row.publicKey !== key.publicKey) {
        throw new SigningKeySetupError(
          `CONFIG_SIGNING_KEYS key "${key.keyId}" differs from the key registered under that id`,
        );
      }
      if (!row) {
        existing.push(
          await this.repository.insertKey({
            keyId: key.keyId,
            publicKey: key.publicKey,
            encryptedPrivateKey: null,
            development: false,
          }),
        );
      }
    }
    if (!existing.some((row) => row.status === 'active')) {
      // the configured key, else a standby key this process can sign with, else a new key
      const wanted = this.config.signing.initialActiveKeyId;
      const candidate =
        existing.find((row) => row.keyId === wanted && row.status === 'standby') ??
        existing.find((row) => row.status === 'standby' && typeof this.vault.open(row) !== 'string');
      if (candidate) {
        await this.repository.updateKey(candidate.id, { status: 'active', activatedAt: new Date() });
      } else {
        const generated = this.vault.generate(newKeyId());
        if (!generated) {
          throw new SigningKeySetupError(
            'no key is active and this process can make none: set CONFIG_SIGNING_KEYS, or CONFIG_KEY_ENCRYPTION_KEY (or CONFIG_SIGNING_DEV_KEYS=true in development)',
          );
        }
        await this.repository.insertKey({ ...generated.sealed, status: 'active', activatedAt: new Date() });
      }
    }
    await this.sync();
  }
}
