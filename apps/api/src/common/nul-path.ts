/** How deep nulPath looks into nested objects and arrays (deeper values are not scanned). */
const MAX_DEPTH = 20;

/**
 * Path of the first string (or key) holding a NUL character, e.g. `records[2].policyVersion`; `''`
 * when the value itself is such a string; undefined when there is none. PostgreSQL text cannot hold
 * NUL, so the API refuses such a request up front (bootstrap.ts).
 *
 * Every request body passes through here, so the scan allocates nothing: it only tests strings and
 * keys, and the path is built (by a second walk) only when a NUL has been found.
 */
export function nulPath(value: unknown): string | undefined {
  return hasNul(value, 0) ? pathOfNul(value, '', 0) : undefined;
}

function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasNul(value[i], depth + 1)) return true;
    return false;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue;
    if (key.includes('\u0000') || hasNul(object[key], depth + 1)) return true;
  }
  return false;
}

/** The same walk, building the path: only run once hasNul has found one. */
function pathOfNul(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, member] of Object.entries(value)) {
    const child = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return child;
    const found = pathOfNul(member, child, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
