/**
 * Admin command line of the control plane.
 *
 *   create-admin --name NAME [--email EMAIL]   creates an admin operator and prints its API key once
 *   generate-signing-key [--key-id ID]         prints a CONFIG_SIGNING_KEYS entry (Ed25519)
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { ConfigError, loadConfig } from './config/app-config.js';
import { generateSigningKeyEntry } from './config/setting-formats.js';
import { PrismaClient } from './generated/prisma/client.js';
import { createLogger } from './infrastructure/logger.js';
import { createPgPool } from './infrastructure/prisma.service.js';
import { insertAuditEvent } from './modules/audit/audit.repository.js';
import { insertOperatorWithKey } from './modules/operators/operators.repository.js';

const HELP = `usage: aura-api-admin <command> [options]

commands:
  create-admin --name NAME [--email EMAIL] [--json]
      Create an operator with the admin role and print its API key (shown once; only a hash is kept).
  generate-signing-key [--key-id ID]
      Print a new Ed25519 config-signing key as a CONFIG_SIGNING_KEYS entry (keyId:base64-pkcs8).

environment: DATABASE_URL (see docs/configuration.md)`;

/** A command's options, strictly; `--help`/`-h` after the command prints the usage and exits 0, as before it does. */
function parseCommand<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  const { values } = parseArgs({
    args,
    options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  });
  if ((values as { help?: boolean }).help) {
    console.log(HELP);
    process.exit(0);
  }
  return values;
}

async function createAdmin(args: string[]) {
  const values = parseCommand(args, {
    name: { type: 'string' },
    email: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (!values.name) throw new UsageError('create-admin needs --name');
  const config = loadConfig();
  const pool = createPgPool(config, createLogger({ logLevel: 'warn' }, 'aura-admin'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const created = await prisma.$transaction(async (tx) => {
      const result = await insertOperatorWithKey(tx, {
        name: values.name!,
        email: values.email,
        role: 'admin',
        keyName: 'cli',
      });
      await insertAuditEvent(tx, {
        actorType: 'system',
        actorId: 'cli',
        action: 'operator.create',
        targetType: 'operator',
        targetId: result.operator.id,
        before: null,
        after: { name: result.operator.name, role: 'admin', apiKeyPrefix: result.apiKey.prefix },
        reason: null,
        requestId: null,
      });
      return result;
    });
    if (values.json) {
      console.log(JSON.stringify({ operatorId: created.operator.id, apiKey: created.apiKey.token }));
    } else {
      console.log(`Created admin "${created.operator.name}" (${created.operator.id}).`);
      console.log(`API key (shown once, store it now): ${created.apiKey.token}`);
    }
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

class UsageError extends Error {}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'create-admin':
      return createAdmin(rest);
    case 'generate-signing-key': {
      const values = parseCommand(rest, { 'key-id': { type: 'string' } });
      console.log(generateSigningKeyEntry(values['key-id'] ?? `k${new Date().toISOString().slice(0, 10)}`));
      return;
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(HELP);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`aura-api-admin: ${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  console.error(`aura-api-admin: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
