import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../config/app-config.js';
import type { SigningKeyring } from '../signing-keys/signing-keyring.js';
import type { AgentConfigRepository, DesiredConfigRow } from './agent-config.repository.js';
import type { ConfigNotifier } from './config-notifier.js';
import type { DeliveryTiming } from './delivery-timing.js';
import { DesiredConfigStore } from './desired-config-store.js';

const row = (robotId: string, version: number): DesiredConfigRow => ({
  robot_id: robotId,
  version,
  policy_version_id: '00000000-0000-4000-8000-000000000001',
  rollout_id: null,
  issued_at: new Date('2026-12-02T00:00:00Z'),
  tau: 0.5,
  persist_mode: null,
  delivered: false,
});

/** A store over an in-memory "database" of desired versions; `announce` plays the change notification. */
function storeOver(versions: Map<string, number>) {
  const warn = vi.fn();
  let announce: (robotIds: string[], issued?: DesiredConfigRow[]) => void = () => undefined;
  const reads: (readonly string[] | undefined)[] = [];
  const repository = {
    loadDesired: async (ids?: readonly string[]) => {
      reads.push(ids);
      return [...versions].filter(([id]) => !ids || ids.includes(id)).map(([id, v]) => row(id, v));
    },
    desiredVersions: async () => [...versions].map(([id, v]) => ({ id, v })),
  } as unknown as AgentConfigRepository;
  const woken: string[] = [];
  const notifier = {
    listen: (onChange: (robotIds: string[], issued?: DesiredConfigRow[]) => void) => {
      announce = onChange;
    },
    wake: (ids: string[]) => {
      woken.push(...ids);
      return ids.length;
    },
  } as unknown as ConfigNotifier;
  const store = new DesiredConfigStore(
    repository,
    notifier,
    { configLongPollMaxSeconds: 3600 } as AppConfig,
    { warn, info: vi.fn(), debug: vi.fn() } as unknown as Logger,
    {} as SigningKeyring,
    { wave: () => ({}) } as unknown as DeliveryTiming,
  );
  return {
    store,
    warn,
    reads,
    woken,
    announce: (ids: string[], issued?: DesiredConfigRow[]) => announce(ids, issued),
  };
}

const missedWarnings = (warn: ReturnType<typeof vi.fn>) =>
  warn.mock.calls.filter((call) => String(call[1]).includes('missed changes'));

describe('DesiredConfigStore sweep', () => {
  it('does not call a change missed when its notification arrives just after the sweep read it', async () => {
    const versions = new Map([['robot-a', 1]]);
    const { store, warn, announce } = storeOver(versions);
    await store.start();
    versions.set('robot-a', 2); // committed; its notification is a few milliseconds behind the sweep
    const sweep = store.sweep();
    await new Promise((resolve) => setTimeout(resolve, 50));
    announce(['robot-a']);
    await sweep;
    expect(missedWarnings(warn)).toHaveLength(0);
    expect((await store.current('robot-a'))?.version).toBe(2);
    store.onModuleDestroy();
  });

  it('re-reads a change that was never announced and says it was missed', async () => {
    const versions = new Map([
      ['robot-a', 1],
      ['robot-b', 1],
    ]);
    const { store, warn } = storeOver(versions);
    await store.start();
    versions.set('robot-b', 3); // committed, the notification lost
    await store.sweep();
    expect(missedWarnings(warn)).toEqual([[{ robots: 1 }, 'config sweep found missed changes; re-reading']]);
    expect((await store.current('robot-b'))?.version).toBe(3);
    expect((await store.current('robot-a'))?.version).toBe(1);
    store.onModuleDestroy();
  });
});

describe('DesiredConfigStore change messages', () => {
  it('takes the configs a message carries without reading PostgreSQL, and wakes their robots', async () => {
    const versions = new Map([
      ['robot-a', 1],
      ['robot-b', 1],
    ]);
    const { store, reads, woken, announce } = storeOver(versions);
    await store.start();
    expect(reads).toEqual([undefined]); // the bulk load
    woken.length = 0;
    announce(['robot-a', 'robot-b'], [row('robot-a', 2), { ...row('robot-b', 1), tau: 0.9 }]);
    expect(reads).toHaveLength(1);
    expect(woken).toEqual(['robot-a']); // robot-b's carried version is not newer than the one held
    expect((await store.current('robot-a'))?.version).toBe(2);
    expect((await store.current('robot-b'))?.fields.tau).toBe(0.5);
    store.onModuleDestroy();
  });

  it('re-reads the robots of a message that carries no configs (an older sender, a large change)', async () => {
    const versions = new Map([['robot-a', 1]]);
    const { store, reads, woken, announce } = storeOver(versions);
    await store.start();
    woken.length = 0;
    versions.set('robot-a', 4);
    announce(['robot-a']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads).toEqual([undefined, ['robot-a']]);
    expect(woken).toEqual(['robot-a']);
    expect((await store.current('robot-a'))?.version).toBe(4);
    store.onModuleDestroy();
  });
});
