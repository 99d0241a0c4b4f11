import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RedisConnections } from '../../infrastructure/redis-connections.js';
import { CREDENTIAL_EPOCH_REUSE_MS, CredentialEpoch } from './credential-epoch.js';

const quiet = { info: () => undefined, warn: () => undefined } as unknown as Logger;

/** A Redis double holding one key; each command is counted and answered after `gate` (if set). */
function fakeRedis() {
  const state = {
    value: undefined as string | undefined,
    reads: 0,
    failing: false,
    gate: undefined as Promise<void> | undefined,
  };
  const client = {
    call: async (_command: string, _key: string, fresh: string) => {
      state.reads++;
      const seen = state.value; // Redis answers the value as it is when the command arrives
      if (state.gate) await state.gate;
      if (state.failing) throw new Error('redis down');
      if (seen === undefined) state.value = fresh;
      return seen ?? null;
    },
    set: async (_key: string, value: string) => {
      if (state.failing) throw new Error('redis down');
      state.value = value;
      return 'OK';
    },
  };
  const connections = { keyPrefix: 'test:', create: () => client } as unknown as RedisConnections;
  return { state, connections };
}

function epochWithClock() {
  const redis = fakeRedis();
  const epoch = new CredentialEpoch(redis.connections, quiet);
  epoch.onModuleInit();
  const clock = { t: 1_000 };
  epoch.now = () => clock.t;
  return { epoch, clock, redis };
}

describe('CredentialEpoch (fleet-wide version of robot credentials)', () => {
  it('reuses a value for CREDENTIAL_EPOCH_REUSE_MS after its read was sent, then reads again', async () => {
    const { epoch, clock, redis } = epochWithClock();
    const first = await epoch.current();
    expect(first).toEqual(expect.any(String));
    expect(redis.state.reads).toBe(1);
    clock.t += CREDENTIAL_EPOCH_REUSE_MS - 1;
    expect(await epoch.current()).toBe(first);
    expect(redis.state.reads).toBe(1);
    redis.state.value = 'changed-by-another-process';
    clock.t += 1; // the bound: from here on the value read at t = 1000 no longer counts
    expect(await epoch.current()).toBe('changed-by-another-process');
    expect(redis.state.reads).toBe(2);
  });

  it('lets concurrent callers share one read', async () => {
    const { epoch, redis } = epochWithClock();
    const values = await Promise.all([epoch.current(), epoch.current(), epoch.current()]);
    expect(new Set(values).size).toBe(1);
    expect(redis.state.reads).toBe(1);
  });

  it('reads again instead of using a shared read older than the bound', async () => {
    const { epoch, clock, redis } = epochWithClock();
    redis.state.value = 'old';
    let open!: () => void;
    redis.state.gate = new Promise((resolve) => {
      open = resolve;
    });
    const early = epoch.current(); // sends the read at t = 1000
    clock.t += 10;
    const late = epoch.current(); // joins it
    await Promise.resolve();
    redis.state.value = 'new'; // bumped while the slow read was in flight
    clock.t += CREDENTIAL_EPOCH_REUSE_MS; // the shared read is past the bound when it answers
    redis.state.gate = undefined;
    open();
    expect(await early).toBe('old'); // its read was sent after it began: as fresh as before this change
    expect(await late).toBe('new'); // read again
    expect(redis.state.reads).toBe(2);
  });

  it('bump sets a new value, used at once by this process, and answers only after the bound', async () => {
    const { epoch, redis } = epochWithClock();
    const before = await epoch.current();
    const started = performance.now();
    expect(await epoch.bump()).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(CREDENTIAL_EPOCH_REUSE_MS - 5);
    expect(redis.state.value).not.toBe(before);
    expect(await epoch.current()).toBe(redis.state.value);
    expect(redis.state.reads).toBe(1); // the new value came from the bump, not a read
  });

  it('caches nothing while Redis does not answer', async () => {
    const { epoch, redis } = epochWithClock();
    redis.state.failing = true;
    expect(await epoch.current()).toBeUndefined();
    expect(await epoch.current()).toBeUndefined();
    expect(redis.state.reads).toBe(2);
    expect(await epoch.bump()).toBe(false);
    redis.state.failing = false;
    expect(await epoch.current()).toEqual(expect.any(String));
  });
});
