import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuthRepository, RobotCredential } from './auth.repository.js';
import { ROBOT_CREDENTIAL_TTL_MS, RobotCredentialCache } from './robot-credential-cache.js';

const quiet = { info: () => undefined, warn: () => undefined } as unknown as Logger;

/** A repository double answering the bulk re-check from a mutable table, counting statements. */
function fakeRepository(table: Map<string, RobotCredential>) {
  const calls: string[][] = [];
  let fail = false;
  const repository = {
    robotCredentialsByIds: async (ids: readonly string[]) => {
      calls.push([...ids]);
      if (fail) throw new Error('database down');
      return ids.flatMap((id) => (table.has(id) ? [table.get(id)!] : []));
    },
  } as unknown as AuthRepository;
  return { repository, calls, failing: (value: boolean) => (fail = value) };
}

const credential = (n: number, hash = `hash-${n}`): RobotCredential => ({
  id: `robot-${n}`,
  secretPrefix: `rs_${n}`,
  secretHash: hash,
  decommissionedAt: null,
});

describe('RobotCredentialCache (verified robot secrets, re-checked in bulk)', () => {
  it('counts an entry only under its epoch and within the TTL of its last check', () => {
    const cache = new RobotCredentialCache(fakeRepository(new Map()).repository, quiet);
    cache.set('hash-1', 'robot-1', 'e1', 1_000);
    expect(cache.get('hash-1', 'e1', 1_000 + ROBOT_CREDENTIAL_TTL_MS - 1)).toBe('robot-1');
    expect(cache.get('hash-1', 'e2', 1_001)).toBeUndefined(); // epoch moved: dropped
    expect(cache.size).toBe(0);
    cache.set('hash-1', 'robot-1', 'e1', 1_000);
    expect(cache.get('hash-1', undefined, 1_001)).toBeUndefined(); // Redis unreachable: nothing counts
    cache.set('hash-1', 'robot-1', 'e1', 1_000);
    expect(cache.get('hash-1', 'e1', 1_000 + ROBOT_CREDENTIAL_TTL_MS)).toBeUndefined();
  });

  it('re-checks every cached robot in one statement, extends the valid and drops the revoked', async () => {
    const table = new Map([1, 2, 3, 4].map((n) => [`robot-${n}`, credential(n)]));
    const { repository, calls } = fakeRepository(table);
    const cache = new RobotCredentialCache(repository, quiet);
    const longAgo = Date.now() - ROBOT_CREDENTIAL_TTL_MS + 1_000; // about to lapse
    for (const n of [1, 2, 3, 4]) cache.set(`hash-${n}`, `robot-${n}`, 'e', longAgo);
    table.set('robot-2', credential(2, 'hash-rotated')); // secret rotated (epoch change missed)
    table.set('robot-3', { ...credential(3), decommissionedAt: new Date() });
    table.delete('robot-4');
    await cache.recheck();
    expect(calls).toEqual([['robot-1', 'robot-2', 'robot-3', 'robot-4']]);
    const later = Date.now() + 30_000; // past the original TTL, inside the extended one
    expect(cache.get('hash-1', 'e', later)).toBe('robot-1');
    expect(cache.get('hash-2', 'e', later)).toBeUndefined();
    expect(cache.get('hash-3', 'e', later)).toBeUndefined();
    expect(cache.get('hash-4', 'e', later)).toBeUndefined();
  });

  it('extends nothing when the re-check fails: entries lapse after their TTL', async () => {
    const { repository, failing } = fakeRepository(new Map([['robot-1', credential(1)]]));
    const cache = new RobotCredentialCache(repository, quiet);
    const checkedAt = Date.now() - 1_000;
    cache.set('hash-1', 'robot-1', 'e', checkedAt);
    failing(true);
    await cache.recheck();
    expect(cache.get('hash-1', 'e', checkedAt + ROBOT_CREDENTIAL_TTL_MS - 1)).toBe('robot-1');
    expect(cache.get('hash-1', 'e', checkedAt + ROBOT_CREDENTIAL_TTL_MS)).toBeUndefined();
  });
});
