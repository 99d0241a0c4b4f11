import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type SigningKey, signingKeyFromBase64 } from '@aura/core';
import { z } from 'zod';

/**
 * Every setting the API and worker read, validated once at start-up. `process.env` is read here and
 * nowhere else. docs/configuration.md documents each variable; secrets are marked there.
 */
/** A URL with one of `schemes` and (for PostgreSQL) a database name; one message per problem. */
function urlSetting(schemes: string[], expected: string, requirePath: boolean) {
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

const postgresUrl = urlSetting(['postgresql:', 'postgres:'], 'postgresql://user@host:port/database', true);
const redisUrl = urlSetting(['redis:', 'rediss:'], 'redis://host:port[/db]', false);

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

export const AppConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  DATABASE_URL: postgresUrl.default('postgresql://postgres@127.0.0.1:5432/aura_fleet'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_.:-]{1,64}$/, 'must be 1-64 characters of letters, digits, _ . : -')
    .default('aura'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  CONFIG_SIGNING_KEYS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseSigningKeys(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  CONFIG_SIGNING_KEY_ID: z.string().min(1).max(100).optional(),
  CONFIG_LONG_POLL_MAX_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  AURA_MODEL_PATH: z.string().min(1).optional(),
  TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  AGENT_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(120),
  AGENT_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
});

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

export type AppConfigInput = z.input<typeof AppConfigSchema>;

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number };
  database: { url: string; poolSize: number };
  redis: { url: string; prefix: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  healthCheckTimeoutMs: number;
  shutdownTimeoutMs: number;
  signing: {
    /** Every trusted key; `active` signs new envelopes, the rest still verify after rotation. */
    keys: SigningKey[];
    active: SigningKey;
    /** True when no keys were configured and a throw-away key was made (development and tests only). */
    ephemeral: boolean;
  };
  configLongPollMaxSeconds: number;
  bodyLimitBytes: number;
  telemetryRetentionDays: number;
  /** The committed AURA-Mem model the rollout preview simulates with. */
  modelPath: string;
  /** Requests per robot per window on agent endpoints; 0 disables the limit. */
  agentRateLimit: { limit: number; windowMs: number };
}

/** A configuration problem; `message` is one line naming the variable and what is wrong. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Treat empty strings as unset so `FOO= pnpm demo` falls back to the default rather than failing.
  const input = Object.fromEntries(
    Object.keys(AppConfigSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = AppConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'configuration');
      return { variable, text: `${variable} ${issue.message}` };
    });
    throw new ConfigError(
      `Invalid configuration: ${problems.map((p) => p.text).join('; ')}`,
      problems.map((p) => p.variable),
    );
  }
  const c = parsed.data;
  const signing = signingConfig(c.NODE_ENV, c.CONFIG_SIGNING_KEYS, c.CONFIG_SIGNING_KEY_ID);
  return {
    env: c.NODE_ENV,
    http: { host: c.HOST, port: c.PORT },
    database: { url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE },
    redis: { url: c.REDIS_URL, prefix: c.REDIS_PREFIX },
    logLevel: c.LOG_LEVEL,
    healthCheckTimeoutMs: c.HEALTH_CHECK_TIMEOUT_MS,
    shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS,
    signing,
    configLongPollMaxSeconds: c.CONFIG_LONG_POLL_MAX_SECONDS,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    telemetryRetentionDays: c.TELEMETRY_RETENTION_DAYS,
    modelPath:
      c.AURA_MODEL_PATH ??
      fileURLToPath(new URL('../../../../models/aura-mem-hard-v1.onnx', import.meta.url)),
    agentRateLimit: { limit: c.AGENT_RATE_LIMIT, windowMs: c.AGENT_RATE_LIMIT_WINDOW_SECONDS * 1000 },
  };
}

function signingConfig(
  env: string,
  keysValue: string | undefined,
  activeId: string | undefined,
): AppConfig['signing'] {
  if (keysValue === undefined) {
    if (env === 'production') {
      throw new ConfigError(
        'Invalid configuration: CONFIG_SIGNING_KEYS is required in production (keyId:base64-pkcs8 Ed25519 keys)',
        ['CONFIG_SIGNING_KEYS'],
      );
    }
    const [key] = parseSigningKeys(generateSigningKeyEntry('ephemeral'));
    return { keys: [key!], active: key!, ephemeral: true };
  }
  const keys = parseSigningKeys(keysValue);
  const active = activeId ? keys.find((key) => key.keyId === activeId) : keys[keys.length - 1];
  if (!active) {
    throw new ConfigError(
      `Invalid configuration: CONFIG_SIGNING_KEY_ID "${activeId}" is not among CONFIG_SIGNING_KEYS`,
      ['CONFIG_SIGNING_KEY_ID'],
    );
  }
  return { keys, active, ephemeral: false };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
