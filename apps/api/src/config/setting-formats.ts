import { generateKeyPairSync } from 'node:crypto';
import { isIP } from 'node:net';
import { type SigningKey, signingKeyFromBase64 } from '@aura/core';
import { z } from 'zod';

// The text formats of single settings, shared by the configuration schema (app-config.ts), the admin
// CLI and the tests: URLs, ports, address lists, Redis Cluster nodes and config-signing keys. Each parser throws an Error
// whose message completes "<VARIABLE> …".

/** A URL with one of `schemes` and (for PostgreSQL) a database name; one message per problem. */
export function urlSetting(schemes: string[], expected: string, requirePath: boolean) {
  return z.string().superRefine((value, ctx) => {
    if (value.length === 0) return void ctx.addIssue({ code: 'custom', message: 'is empty' });
    if (!URL.canParse(value)) {
      return void ctx.addIssue({ code: 'custom', message: `is not a valid URL (expected ${expected})` });
    }
    const url = new URL(value);
    if (!schemes.includes(url.protocol)) {
      const names = schemes.map((s) => `${s}//`).join(' or ');
      return void ctx.addIssue({
        code: 'custom',
        message: `must use the ${names} scheme (got ${url.protocol}//)`,
      });
    }
    if (requirePath && url.pathname.length <= 1) {
      ctx.addIssue({ code: 'custom', message: `names no database (expected ${expected})` });
    }
  });
}

export const postgresUrlSetting = urlSetting(
  ['postgresql:', 'postgres:'],
  'postgresql://user@host:port/database',
  true,
);
export const redisUrlSetting = urlSetting(['redis:', 'rediss:'], 'redis://host:port[/db]', false);

export const portSetting = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** An optional setting `parse` must accept; what `parse` throws is the message. */
export function parsedSetting(parse: (value: string) => unknown) {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    });
}

/**
 * TRUST_PROXY: which hops may set X-Forwarded-For (the client address the per-address throttles
 * count): `false` (the socket's peer, the default), `true` (any), or the proxies' addresses/CIDRs.
 */
export function parseTrustProxy(value: string): boolean | string[] {
  const text = value.trim();
  if (text === 'false') return false;
  if (text === 'true') return true;
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('must be true, false or a list of addresses/CIDRs');
  parseCidrList(entries.join(','));
  return entries;
}

/** `10.0.0.0/8,127.0.0.1/32,::1/128` → subnets (for ALERTS_ALLOWED_TARGETS). */
export function parseCidrList(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address = '', prefixText] = entry.split('/');
      const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : undefined;
      if (!family) throw new Error(`has "${entry}", which is not an address/prefix (e.g. 10.0.0.0/8)`);
      const max = family === 'ipv4' ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(`has "${entry}", whose prefix length is not 0-${max}`);
      }
      return { address, prefix, family };
    });
}

/** `keyId:base64-pkcs8-der[,keyId:…]` → Ed25519 signing keys (older ids stay listed after rotation). */
export function parseSigningKeys(value: string): SigningKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      if (separator <= 0) throw new Error('must be a comma-separated list of keyId:base64-pkcs8 entries');
      const keyId = entry.slice(0, separator);
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(keyId)) throw new Error(`has an invalid key id "${keyId}"`);
      try {
        return signingKeyFromBase64(keyId, entry.slice(separator + 1));
      } catch {
        throw new Error(`key "${keyId}" is not a base64 PKCS#8 Ed25519 private key`);
      }
    });
  if (keys.length === 0) throw new Error('lists no keys');
  if (new Set(keys.map((key) => key.keyId)).size !== keys.length) throw new Error('lists a key id twice');
  return keys;
}

/** A fresh Ed25519 key in the CONFIG_SIGNING_KEYS format (used by `pnpm demo` and the admin CLI). */
export function generateSigningKeyEntry(keyId: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return `${keyId}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`;
}

export interface RedisNode {
  host: string;
  port: number;
}

/** `host:port,host:port` (REDIS_CLUSTER_NODES) → seed nodes; throws a message without the variable name. */
export function parseClusterNodes(value: string): RedisNode[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error('names no node (expected host:port,host:port)');
  return entries.map((entry) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`entry "${entry.slice(0, 100)}" is not host:port (e.g. redis-0.redis:6379)`);
    }
    return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
  });
}
