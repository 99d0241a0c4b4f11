import type { Prisma } from '../generated/prisma/client.js';

/**
 * A JSON-safe copy of `value` for a jsonb column: BigInt → decimal string, ±Infinity and NaN → null,
 * Dates → ISO strings, undefined properties left out. (Prisma's input type cannot tell that a typed
 * object is JSON; this makes it so instead of casting.)
 */
export function toJsonb(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(value, (_, v) =>
      typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isFinite(v) ? null : v,
    ),
  );
}
