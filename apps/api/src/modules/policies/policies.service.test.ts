import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  as,
  FakeAuditRepository,
  operator,
  partial,
  type Surface,
  transactions,
} from '../../../test/fakes/fakes.js';
import type { DesiredConfigService } from '../agent-config/desired-config.service.js';
import type { NewPolicyVersion, PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';

interface Version extends NewPolicyVersion {
  id: string;
  createdAt: Date;
}

/** Policies and versions in maps; robots only as counts. */
class FakePoliciesRepository implements Surface<PoliciesRepository> {
  policies = new Map<
    string,
    { id: string; name: string; description: string | null; createdAt: Date; archivedAt: null }
  >();
  versions: Version[] = [];
  fleetDefault: string | null = null;
  locks: string[] = [];

  private withVersions_<P extends { id: string }>(policy: P) {
    return { ...policy, versions: this.versions.filter((v) => v.policyId === policy.id) };
  }
  async listWithVersions() {
    return [...this.policies.values()].map((p) => this.withVersions_(p));
  }
  async withVersions(id: string) {
    const policy = this.policies.get(id);
    return policy ? this.withVersions_(policy) : null;
  }
  async byName(name: string) {
    return [...this.policies.values()].find((p) => p.name === name) ?? null;
  }
  async create(data: { name: string; description: string | null }) {
    const row = { id: randomUUID(), ...data, createdAt: new Date(), archivedAt: null };
    this.policies.set(row.id, row);
    return row;
  }
  async lock(id: string) {
    this.locks.push(id);
    return this.policies.has(id);
  }
  async latestVersion(policyId: string) {
    return this.versions.filter((v) => v.policyId === policyId).at(-1) ?? null;
  }
  async version(id: string) {
    return this.versions.find((v) => v.id === id) ?? null;
  }
  async createVersion(data: NewPolicyVersion) {
    const row = { id: randomUUID(), createdAt: new Date(), ...data };
    this.versions.push(row);
    return row;
  }
  async robotCounts() {
    return { applied: new Map(), desired: new Map() };
  }
  async fleetSettings() {
    return null;
  }
  async lockFleetDefault() {
    return this.fleetDefault;
  }
  async setFleetDefault(policyVersionId: string) {
    this.fleetDefault = policyVersionId;
  }
}

class FakeConfigs {
  moved: string[] = [];
  announced: unknown[] = [];
  async issueFleetDefault(versionId: string) {
    this.moved.push(versionId);
    return 3;
  }
  async announce(ids: unknown) {
    this.announced.push(ids);
  }
}

describe('PoliciesService', () => {
  let repository: FakePoliciesRepository;
  let audit: FakeAuditRepository;
  let configs: FakeConfigs;
  let service: PoliciesService;
  const admin = operator('admin');

  beforeEach(() => {
    repository = new FakePoliciesRepository();
    audit = new FakeAuditRepository();
    configs = new FakeConfigs();
    service = new PoliciesService(
      as<PoliciesRepository>(repository),
      audit.service(),
      partial<DesiredConfigService>(configs),
      transactions(),
    );
  });

  it('creates a policy with version 1 in wire form, audited', async () => {
    const created = await service.create(
      admin,
      { name: 'night', tau: 0.7, persistMode: 'delta-log' },
      'req-1',
    );
    expect(created.versions).toEqual([
      expect.objectContaining({ version: 1, tau: 0.7, persistMode: 'delta-log' }),
    ]);
    expect(repository.versions[0]?.persistMode).toBe('delta_log');
    expect(audit.events).toEqual([
      expect.objectContaining({ action: 'policy.create', actorId: admin.operatorId, requestId: 'req-1' }),
    ]);
  });

  it('refuses a taken name with a field error, recording nothing', async () => {
    await service.create(admin, { name: 'night', tau: 0.7 }, 'r');
    const again = service.create(admin, { name: 'night', tau: 0.2 }, 'r');
    await expect(again).rejects.toMatchObject({ code: 'conflict', details: [{ path: 'name' }] });
    expect(audit.events).toHaveLength(1);
  });

  it('numbers versions consecutively under the policy lock; 404 for an unknown policy', async () => {
    const policy = await service.create(admin, { name: 'p', tau: 0.5 }, 'r');
    const v2 = await service.addVersion(admin, policy.id, { tau: 0.6 }, 'r');
    const v3 = await service.addVersion(admin, policy.id, { tau: 0.65, notes: 'wider' }, 'r');
    expect([v2.version, v3.version]).toEqual([2, 3]);
    expect(repository.locks).toEqual([policy.id, policy.id]);
    expect(audit.events.at(-1)).toMatchObject({ before: expect.objectContaining({ version: 2 }) });
    await expect(service.addVersion(admin, randomUUID(), { tau: 0.1 }, 'r')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('sets the fleet default, moves robots and wakes every long-poll after commit', async () => {
    const policy = await service.create(admin, { name: 'p', tau: 0.5 }, 'r');
    const versionId = policy.versions[0]!.id;
    const result = await service.setFleetDefault(admin, { policyVersionId: versionId, reason: 'go' }, 'r');
    expect(result).toMatchObject({ robotsMoved: 3, policyVersion: { id: versionId } });
    expect(configs.moved).toEqual([versionId]);
    expect(configs.announced).toEqual(['all']);
    expect(audit.events.at(-1)).toMatchObject({
      action: 'fleet.default_policy.set',
      before: { defaultPolicyVersionId: null },
      after: { defaultPolicyVersionId: versionId, robotsMoved: 3 },
      reason: 'go',
    });
  });

  it('names the field of an unknown version and changes nothing', async () => {
    const attempt = service.setFleetDefault(admin, { policyVersionId: randomUUID() }, 'r');
    await expect(attempt).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'policyVersionId', message: 'no such policy version' }],
    });
    expect(configs.announced).toEqual([]);
    expect(repository.fleetDefault).toBeNull();
  });
});
