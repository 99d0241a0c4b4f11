import type { AgentInventory } from '@aura/core';
import { describe, expect, it } from 'vitest';
import { ApiHarness, uniqueName } from './support/api-harness.js';

/** PUT /v1/agent/report: a robot's own inventory and outbox counters, on the robot page and in filters. */
describe('agent report (PUT /v1/agent/report)', () => {
  const { api, keys } = ApiHarness.forSuite(['viewer', 'operator']);

  const inventory = (agentVersion: string, arch: string, kind: 'emmc' | 'nvme'): AgentInventory => ({
    agentVersion,
    model: { name: 'aura-mem-hard-v1', sha256: 'e'.repeat(64), executionProviders: ['cpu'] },
    onnxruntimeVersion: '1.30.0',
    nodeVersion: '20.20.2',
    os: { platform: 'linux', release: '6.1.0-rpi7', arch, distro: 'Debian GNU/Linux 12 (bookworm)' },
    flash: { device: 'mmcblk0', model: 'DG4016', kind, capacityBytes: 15_758_000_128, ratedPeCycles: 3000 },
  });
  const report = (secret: string, body: unknown) =>
    api.request({ method: 'PUT', url: '/v1/agent/report', token: secret, payload: body as object });
  const robot = async (id: string) =>
    (await api.request({ method: 'GET', url: `/v1/robots/${id}`, token: keys.viewer })).json();
  const listIds = async (query: string) =>
    (
      (
        await api.request({ method: 'GET', url: `/v1/robots?limit=500&${query}`, token: keys.viewer })
      ).json() as {
        items: { id: string }[];
      }
    ).items.map((r) => r.id);

  it('stores the calling robot’s report, replaces it, and shows it on that robot only', async () => {
    const a = await api.enrollRobot(keys.operator, uniqueName('report-a'));
    const b = await api.enrollRobot(keys.operator, uniqueName('report-b'));
    expect((await robot(a.robotId)).agent).toBeNull();

    const first = await report(a.robotSecret, {
      inventory: inventory('0.1.0', 'arm64', 'emmc'),
      outbox: { pending: 12, dropped: 0, quarantined: 0 },
    });
    expect(first.statusCode).toBe(200);
    expect(Date.parse(first.json().reportedAt)).toBeGreaterThan(Date.now() - 60_000);
    const second = await report(a.robotSecret, {
      inventory: inventory('0.1.1', 'arm64', 'emmc'),
      outbox: { pending: 3, dropped: 7, quarantined: 2 },
    });
    expect(second.statusCode).toBe(200);

    const shown = await robot(a.robotId);
    expect(shown.agent).toEqual({
      inventory: inventory('0.1.1', 'arm64', 'emmc'),
      outbox: { pending: 3, dropped: 7, quarantined: 2 },
      reportedAt: second.json().reportedAt,
    });
    // the other robot's row is untouched: a robot reports about itself only (no id in the route)
    expect((await robot(b.robotId)).agent).toBeNull();
    expect(
      await api.prisma.robotAgentReport.count({ where: { robotId: { in: [a.robotId, b.robotId] } } }),
    ).toBe(1);
  });

  it('refuses a bad report naming the field, and callers that are not robots', async () => {
    const a = await api.enrollRobot(keys.operator, uniqueName('report-bad'));
    const good = {
      inventory: inventory('0.1.0', 'x64', 'nvme'),
      outbox: { pending: 0, dropped: 0, quarantined: 0 },
    };
    const badSha = await report(a.robotSecret, {
      ...good,
      inventory: { ...good.inventory, model: { ...good.inventory.model, sha256: 'XYZ' } },
    });
    expect(badSha.statusCode).toBe(400);
    expect(badSha.body).toContain('inventory.model.sha256');
    const negative = await report(a.robotSecret, {
      ...good,
      outbox: { pending: 0, dropped: -1, quarantined: 0 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('outbox.dropped');
    const extra = await report(a.robotSecret, { ...good, robotId: a.robotId });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('robotId');
    expect((await robot(a.robotId)).agent).toBeNull();

    expect((await report('rs_not-a-robot', good)).statusCode).toBe(401);
    expect((await report(keys.operator, good)).statusCode).toBe(401);
  });

  it('filters the robots list by agent version, architecture and flash kind', async () => {
    const old = await api.enrollRobot(keys.operator, uniqueName('filter-old'));
    const arm = await api.enrollRobot(keys.operator, uniqueName('filter-arm'));
    const silent = await api.enrollRobot(keys.operator, uniqueName('filter-none'));
    const version = `9.${Date.now() % 1000}.0`;
    const zero = { pending: 0, dropped: 0, quarantined: 0 };
    expect(
      (await report(old.robotSecret, { inventory: inventory('0.0.9', 'x64', 'nvme'), outbox: zero }))
        .statusCode,
    ).toBe(200);
    expect(
      (await report(arm.robotSecret, { inventory: inventory(version, 'arm64', 'emmc'), outbox: zero }))
        .statusCode,
    ).toBe(200);

    expect(await listIds(`agentVersion=${version}`)).toEqual([arm.robotId]);
    const arm64 = await listIds('arch=arm64');
    expect(arm64).toContain(arm.robotId);
    expect(arm64).not.toContain(old.robotId);
    const nvme = await listIds('flashKind=nvme');
    expect(nvme).toContain(old.robotId);
    expect(nvme).not.toContain(arm.robotId);
    expect(await listIds(`agentVersion=${version}&flashKind=nvme`)).toEqual([]);
    expect(await listIds('arch=x64')).not.toContain(silent.robotId);
    const bad = await api.request({ method: 'GET', url: '/v1/robots?flashKind=floppy', token: keys.viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('flashKind');
  });
});
