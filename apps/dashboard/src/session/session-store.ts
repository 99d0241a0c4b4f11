import 'server-only';
import { randomBytes } from 'node:crypto';
import type { OperatorRole } from '@aura/core/schemas';

export interface Session {
  apiKey: string;
  operatorId: string;
  name: string;
  role: OperatorRole;
  expiresAt: number;
}

const SESSION_TTL_MS = 12 * 3_600_000;
// On globalThis: Next.js may load this module once per server bundle (actions, pages); all of them
// must see the same sessions.
const registry = globalThis as typeof globalThis & { __auraSessions?: Map<string, Session> };
registry.__auraSessions ??= new Map<string, Session>();
const sessions = registry.__auraSessions;

/**
 * Server-side sessions: the browser holds only a random session id in an httpOnly cookie; the
 * operator's API key stays in this process. (One dashboard process per deployment, or sticky
 * sessions; a restart signs everyone out.)
 */
export function createSession(data: Omit<Session, 'expiresAt'>): string {
  const id = randomBytes(32).toString('base64url');
  sessions.set(id, { ...data, expiresAt: Date.now() + SESSION_TTL_MS });
  return id;
}

export function readSession(id: string | undefined): Session | undefined {
  if (!id) return undefined;
  const session = sessions.get(id);
  if (!session) return undefined;
  if (session.expiresAt < Date.now()) {
    sessions.delete(id);
    return undefined;
  }
  return session;
}

export function deleteSession(id: string | undefined) {
  if (id) sessions.delete(id);
}

export const SESSION_COOKIE = 'aura_session';
export const SESSION_MAX_AGE_SECONDS = SESSION_TTL_MS / 1000;
