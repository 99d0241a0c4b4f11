import { describe, expect, it } from 'vitest';
import type { IssuedConfig } from './agent-config.repository.js';
import { decodeCarried, encodeChange, MAX_CARRIED_CONFIGS } from './config-notifier.js';

const POLICY_A = '00000000-0000-4000-8000-00000000000a';
const POLICY_B = '00000000-0000-4000-8000-00000000000b';
const ROLLOUT = '00000000-0000-4000-8000-0000000000f1';

const issued = (i: number, policy = POLICY_A, rollout: string | null = ROLLOUT): IssuedConfig => ({
  robot_id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
  version: 10 + i,
  policy_version_id: policy,
  rollout_id: rollout,
  issued_at: new Date('2026-12-02T14:00:00.123Z'),
  tau: 0.65,
  persist_mode: policy === POLICY_B ? 'snapshot' : null,
  delivered: false,
});

/** What a receiver makes of a message, as ConfigNotifier.onMessage reads it. */
function receive(message: string) {
  const parsed = JSON.parse(message) as unknown[];
  const ids = parsed.filter((id): id is string => typeof id === 'string');
  const last = parsed.at(-1);
  return { ids, issued: typeof last === 'object' && last !== null ? decodeCarried(ids, last) : undefined };
}

describe('config change messages', () => {
  it('carry the issued configs, one shared config for a rollout step', () => {
    const rows = [1, 2, 3].map((i) => issued(i));
    const message = encodeChange(rows);
    const parsed = JSON.parse(message) as unknown[];
    expect(parsed.slice(0, 3)).toEqual(rows.map((row) => row.robot_id));
    expect(parsed[3]).toEqual({
      issued: 1,
      versions: [11, 12, 13],
      configs: [
        {
          policyVersionId: POLICY_A,
          rolloutId: ROLLOUT,
          issuedAt: '2026-12-02T14:00:00.123Z',
          tau: 0.65,
          persistMode: null,
        },
      ],
    });
    expect(receive(message)).toEqual({ ids: rows.map((row) => row.robot_id), issued: rows });
  });

  it('carry several configs (a revert to different versions) with each robot’s index', () => {
    const rows = [issued(1), issued(2, POLICY_B, null), issued(3)];
    const message = encodeChange(rows);
    expect((JSON.parse(message) as { of?: number[] }[])[3]?.of).toEqual([0, 1, 0]);
    expect(receive(message).issued).toEqual(rows);
  });

  it('stay readable by an older receiver: its robot ids are the message’s strings', () => {
    const rows = [1, 2].map((i) => issued(i));
    const parsed = JSON.parse(encodeChange(rows)) as unknown[];
    expect(parsed.filter((id) => typeof id === 'string')).toEqual(rows.map((row) => row.robot_id));
  });

  it('name the robots only over MAX_CARRIED_CONFIGS, and for ids (an older sender): the receiver re-reads', () => {
    const many = Array.from({ length: MAX_CARRIED_CONFIGS + 1 }, (_, i) => issued(i));
    const big = receive(encodeChange(many));
    expect(big.ids).toHaveLength(MAX_CARRIED_CONFIGS + 1);
    expect(big.issued).toBeUndefined();
    expect(receive(JSON.stringify(['a', 'b']))).toEqual({ ids: ['a', 'b'], issued: undefined });
  });

  it('are re-read when what they carry does not fit their robots', () => {
    const ids = [issued(1).robot_id, issued(2).robot_id];
    const config = {
      policyVersionId: POLICY_A,
      rolloutId: null,
      issuedAt: '2026-12-02T14:00:00.000Z',
      tau: 0.5,
      persistMode: null,
    };
    expect(decodeCarried(ids, { issued: 1, versions: [1], configs: [config] })).toBeUndefined();
    expect(decodeCarried(ids, { issued: 1, versions: [1, 2], configs: [config, config] })).toBeUndefined();
    expect(
      decodeCarried(ids, { issued: 1, versions: [1, 2], configs: [config], of: [0, 1] }),
    ).toBeUndefined();
    expect(decodeCarried(ids, { issued: 2, versions: [1, 2], configs: [config] })).toBeUndefined();
    expect(decodeCarried(ids, { issued: 1, versions: [1, 2.5], configs: [config] })).toBeUndefined();
    expect(
      decodeCarried(ids, { issued: 1, versions: [1, 2], configs: [{ ...config, issuedAt: 'soon' }] }),
    ).toBeUndefined();
    expect(decodeCarried(ids, { issued: 1, versions: [1, 2], configs: [config] })).toHaveLength(2);
  });
});
