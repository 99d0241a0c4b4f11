import { createCipheriv, createDecipheriv, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { type ConfigKey, publicConfigKey, type SigningKey, signingKeyFromBase64 } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * The key-encryption key of CONFIG_SIGNING_DEV_KEYS. It is public (it is in this file), so a key it
 * protects is a development key: production processes refuse to sign with one.
 */
export const DEVELOPMENT_KEY_ENCRYPTION_KEY = createHash('sha256')
  .update('aura-fleet development key-encryption key: public, never for production')
  .digest();

/** AES-256-GCM, the key id as associated data: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptPrivateKey(kek: Buffer, keyId: string, pkcs8Der: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(pkcs8Der), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Inverse of encryptPrivateKey; throws when the key-encryption key or the key id do not match. */
export function decryptPrivateKey(kek: Buffer, keyId: string, sealed: string): Buffer {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('unknown key format');
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}

export interface StoredSigningKey {
  keyId: string;
  publicKey: string;
  encryptedPrivateKey: string | null;
  development: boolean;
}

/**
 * Where this process finds the private half of a config-signing key: its own CONFIG_SIGNING_KEYS, or
 * the database's encrypted copy opened with CONFIG_KEY_ENCRYPTION_KEY (or, for a development key,
 * the development key-encryption key when CONFIG_SIGNING_DEV_KEYS is set).
 */
@Injectable()
export class SigningKeyVault {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The key-encryption key new keys are sealed with, and whether that makes them development keys. */
  sealingKey(): { kek: Buffer; development: boolean } | undefined {
    const { encryptionKey, developmentKeys } = this.config.signing;
    if (encryptionKey) return { kek: encryptionKey, development: false };
    if (developmentKeys) return { kek: DEVELOPMENT_KEY_ENCRYPTION_KEY, development: true };
    return undefined;
  }

  /** A fresh Ed25519 key, sealed for the database. */
  generate(keyId: string): { sealed: StoredSigningKey; key: SigningKey } | undefined {
    const sealing = this.sealingKey();
    if (!sealing) return undefined;
    const der = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    const key = signingKeyFromBase64(keyId, der.toString('base64'));
    return {
      key,
      sealed: {
        keyId,
        publicKey: publicConfigKey(key).publicKey,
        encryptedPrivateKey: encryptPrivateKey(sealing.kek, keyId, der),
        development: sealing.development,
      },
    };
  }

  /** The configured keys of CONFIG_SIGNING_KEYS, public halves. */
  environmentKeys(): ConfigKey[] {
    return this.config.signing.keys.map(publicConfigKey);
  }

  /** The private half of `stored` as this process can reach it, or a sentence saying why not. */
  open(stored: StoredSigningKey): SigningKey | string {
    const fromEnv = this.config.signing.keys.find((key) => key.keyId === stored.keyId);
    if (fromEnv) {
      return publicConfigKey(fromEnv).publicKey === stored.publicKey
        ? fromEnv
        : `CONFIG_SIGNING_KEYS key "${stored.keyId}" differs from the key registered under that id`;
    }
    if (!stored.encryptedPrivateKey) {
      return `key "${stored.keyId}" is held only in CONFIG_SIGNING_KEYS, and this process's list lacks it`;
    }
    const kek = stored.development
      ? this.config.signing.developmentKeys
        ? DEVELOPMENT_KEY_ENCRYPTION_KEY
        : undefined
      : this.config.signing.encryptionKey;
    if (!kek) {
      return stored.development
        ? `key "${stored.keyId}" is a development key (CONFIG_SIGNING_DEV_KEYS is not set here)`
        : `key "${stored.keyId}" is encrypted in the database and CONFIG_KEY_ENCRYPTION_KEY is not set`;
    }
    try {
      const key = signingKeyFromBase64(
        stored.keyId,
        decryptPrivateKey(kek, stored.keyId, stored.encryptedPrivateKey).toString('base64'),
      );
      return publicConfigKey(key).publicKey === stored.publicKey
        ? key
        : `key "${stored.keyId}" decrypts to another key`;
    } catch {
      return `key "${stored.keyId}" does not decrypt with this CONFIG_KEY_ENCRYPTION_KEY`;
    }
  }
}
