import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer secrets: `aura_<kind>_<prefix>_<secret>`. The prefix (public, indexed) finds the row; only
 * SHA-256 of the whole token is stored. The secret part carries 256 random bits, so a fast hash is
 * the right tool (a slow password hash protects low-entropy human passwords, not these).
 */
// operator API key, enrolment token, robot secret, dashboard session
export type SecretKind = 'ak' | 'et' | 'rs' | 'ds';

const TOKEN = /^aura_(ak|et|rs|ds)_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  token: string;
  prefix: string;
  hash: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function issueSecret(kind: SecretKind): IssuedSecret {
  const prefix = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const token = `aura_${kind}_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix: `${kind}_${prefix}`, hash: hashToken(token) };
}

/** The lookup prefix of a well-formed token of `kind`, or undefined. */
export function tokenPrefix(token: string, kind: SecretKind): string | undefined {
  const match = TOKEN.exec(token);
  return match && match[1] === kind ? `${kind}_${match[2]}` : undefined;
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
