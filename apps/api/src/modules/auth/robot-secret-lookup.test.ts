import { describe, expect, it } from 'vitest';
import type { AuthRepository, RobotCredential } from './auth.repository.js';
import { RobotSecretLookup } from './robot-secret-lookup.js';

/** A repository double that records each batched query and answers from a fixed table. */
function fakeRepository(rows: RobotCredential[], fail = false) {
  const calls: string[][] = [];
  const repository = {
    robotsBySecretPrefixes: async (prefixes: readonly string[]) => {
      calls.push([...prefixes]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error('database down');
      return rows.filter((row) => prefixes.includes(row.secretPrefix));
    },
  } as unknown as AuthRepository;
  return { repository, calls };
}

const row = (n: number): RobotCredential => ({
  id: `robot-${n}`,
  secretPrefix: `rs_${String(n).padStart(12, '0')}`,
  secretHash: `hash-${n}`,
  decommissionedAt: null,
});

describe('RobotSecretLookup (coalesced robot-secret look-ups)', () => {
  it('answers concurrent look-ups with one query, each with its own row or null', async () => {
    const rows = Array.from({ length: 40 }, (_, n) => row(n));
    const { repository, calls } = fakeRepository(rows);
    const lookup = new RobotSecretLookup(repository);
    const prefixes = [...rows.map((r) => r.secretPrefix), 'rs_unknown0000', rows[3]!.secretPrefix];
    const found = await Promise.all(prefixes.map((p) => lookup.byPrefix(p)));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(41); // the repeated prefix is asked once
    expect(found.slice(0, 40).map((r) => r?.id)).toEqual(rows.map((r) => r.id));
    expect(found[40]).toBeNull();
    expect(found[41]?.id).toBe('robot-3');
  });

  it('never joins a batch whose query was sent: a later look-up gets a query of its own', async () => {
    const { repository, calls } = fakeRepository([row(1)]);
    const lookup = new RobotSecretLookup(repository);
    const first = lookup.byPrefix(row(1).secretPrefix);
    await new Promise((resolve) => setTimeout(resolve, 4)); // the first batch's window is over
    const second = lookup.byPrefix(row(1).secretPrefix);
    await Promise.all([first, second]);
    expect(calls).toHaveLength(2);
  });

  it('splits a burst larger than one batch, and passes a failed query on to each of its callers', async () => {
    const rows = Array.from({ length: 1200 }, (_, n) => row(n));
    const { repository, calls } = fakeRepository(rows);
    const lookup = new RobotSecretLookup(repository);
    const found = await Promise.all(rows.map((r) => lookup.byPrefix(r.secretPrefix)));
    expect(found.every((r, i) => r?.id === rows[i]!.id)).toBe(true);
    expect(calls.map((c) => c.length)).toEqual([500, 500, 200]);

    const broken = new RobotSecretLookup(fakeRepository(rows, true).repository);
    const results = await Promise.allSettled([broken.byPrefix(row(1).secretPrefix), broken.byPrefix('x')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
