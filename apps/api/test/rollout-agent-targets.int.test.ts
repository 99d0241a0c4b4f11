import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiHarness } from './support/api-harness.js';

/**
 * Issue 16: rollout targets by agent version (semver range) and hardware (arch, flash kind), resolved
 * against each robot's latest agent report by the count, the previews and the start; robots whose
 * agent never reported are left out of such a target and counted.
 */
describe('rollout targets by agent version and hardware', () => {
  const { api, keys } = ApiHarness.forSuite(['operator']);
  const tag = `facets-${randomUUID().slice(0, 8)}`;
  // an architecture no other suite's robot reports, for a target that names no group, tag or robot
  const uniqueArch = `t${randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};

  const post = (url: string, payload: object) =>
    api.request({ method: 'POST', url, token: keys.operator, payload });
  const count = async (target: object) => {
    const response = await post('/v1/rollouts/targets/count', { target });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { robots: number; unreported: number; notMatching: number };
  };

  beforeAll(async () => {
    const token = await post('/v1/enrollment-tokens', { name: tag, maxUses: 5, tags: [tag] });
    const reports: Record<string, { agentVersion: string; arch: string; kind?: string } | null> = {
      current: { agentVersion: '0.4.2', arch: 'arm64', kind: 'emmc' },
      old: { agentVersion: '0.3.0', arch: 'x64', kind: 'nvme' },
      candidate: { agentVersion: '0.5.0-rc.1', arch: 'arm64', kind: 'emmc' },
      silent: null,
      odd: { agentVersion: '0.4.2', arch: uniqueArch },
    };
    for (const [name, report] of Object.entries(reports)) {
      const enrolled = await api.request({
        method: 'POST',
        url: '/v1/agent/enroll',
        payload: { enrollmentToken: token.json().token, name: `${tag}-${name}` },
      });
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      ids[name] = enrolled.json().robotId;
      if (!report) continue;
      const reported = await api.request({
        method: 'PUT',
        url: '/v1/agent/report',
        token: enrolled.json().robotSecret,
        payload: {
          inventory: {
            agentVersion: report.agentVersion,
            model: { name: 'aura-mem-hard-v1', sha256: 'e'.repeat(64), executionProviders: ['cpu'] },
            onnxruntimeVersion: '1.30.0',
            nodeVersion: '20.20.2',
            os: { platform: 'linux', release: '6.1.0', arch: report.arch },
            ...(report.kind ? { flash: { kind: report.kind } } : {}),
          },
          outbox: { pending: 0, dropped: 0, quarantined: 0 },
        },
      });
      expect(reported.statusCode, reported.body).toBe(200);
    }
  });
  afterAll(async () => {
    await api.prisma.robot.deleteMany({ where: { id: { in: Object.values(ids) } } });
    await api.close();
  });

  it('counts: facets narrow groups/tags/ids (AND across facets), never-reported robots are left out and counted', async () => {
    expect(await count({ tags: [tag] })).toEqual({ robots: 5, unreported: 0, notMatching: 0 });
    expect(await count({ tags: [tag], agentVersions: '^0.4 || ^0.3', arch: ['arm64'] })).toEqual({
      robots: 1,
      unreported: 1,
      notMatching: 3,
    });
    // pre-releases only match a range that names one
    expect((await count({ tags: [tag], agentVersions: '>=0.4.0' })).robots).toBe(2);
    expect((await count({ tags: [tag], agentVersions: '>=0.5.0-rc.0' })).robots).toBe(1);
    expect(await count({ tags: [tag], flashKinds: ['nvme', 'sd'] })).toEqual({
      robots: 1,
      unreported: 1,
      notMatching: 3,
    });
    // facets alone: the whole fleet, narrowed
    expect((await count({ arch: [uniqueArch] })).robots).toBe(1);

    const bad = await post('/v1/rollouts/targets/count', {
      target: { tags: [tag], agentVersions: 'newest' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['target.agentVersions']);
    const badKind = await post('/v1/rollouts/targets/count', { target: { flashKinds: ['floppy'] } });
    expect(badKind.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'target.flashKinds[0]',
    ]);
  });

  it('previews say how many were left out; a started rollout takes only the matching robots', async () => {
    const policy = await post('/v1/policies', { name: `${tag}-tau`, tau: 0.45 });
    expect(policy.statusCode, policy.body).toBe(201);
    const spec = {
      policyVersionId: policy.json().versions[0].id,
      target: { tags: [tag], arch: ['arm64'] },
      steps: [{ percent: 100, bakeSeconds: 600 }],
    };
    const preview = await post('/v1/rollouts/preview', { spec });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ targets: 2, unreported: 1, notMatching: 2 });

    const created = await post('/v1/rollouts', { name: `${tag}-rollout`, spec });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().spec.target).toMatchObject({ tags: [tag], arch: ['arm64'] });
    const started = await post(`/v1/rollouts/${created.json().id}/start`, { reason: 'test' });
    expect(started.statusCode, started.body).toBe(200);
    const members = await api.request({
      method: 'GET',
      url: `/v1/rollouts/${created.json().id}/robots`,
      token: keys.operator,
    });
    const memberIds = (members.json().items as { robotId: string }[]).map((m) => m.robotId).sort();
    expect(memberIds).toEqual([ids.current, ids.candidate].sort());
    const aborted = await post(`/v1/rollouts/${created.json().id}/abort`, { reason: 'test done' });
    expect(aborted.statusCode, aborted.body).toBe(200);
  });
});
