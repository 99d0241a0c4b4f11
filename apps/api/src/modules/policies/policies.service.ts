import type { CreatePolicy, PolicyVersionInput, SetFleetDefault } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import { toDbPersistMode, toWirePersistMode } from '../../common/persist-mode.js';
import { Transactions } from '../../infrastructure/database.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, type OperatorPrincipal, operatorIdOf } from '../auth/auth.types.js';
import { type NewPolicyVersion, PoliciesRepository, type RobotCounts } from './policies.repository.js';

function versionView(row: NewPolicyVersion & { id: string; createdAt: Date }) {
  return { ...row, persistMode: toWirePersistMode(row.persistMode) };
}

function withRobots(row: Parameters<typeof versionView>[0], counts: RobotCounts) {
  return {
    ...versionView(row),
    robots: { applied: counts.applied.get(row.id) ?? 0, desired: counts.desired.get(row.id) ?? 0 },
  };
}

/** Gate policies and their immutable versions; the fleet default. */
@Injectable()
export class PoliciesService {
  constructor(
    @Inject(PoliciesRepository) private readonly policies: PoliciesRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
    @Inject(Transactions) private readonly transactions: Transactions,
  ) {}

  async list() {
    const rows = await this.policies.listWithVersions();
    const robots = await this.policies.robotCounts();
    return {
      items: rows.map((row) => ({ ...row, versions: row.versions.map((v) => withRobots(v, robots)) })),
    };
  }

  async get(id: string) {
    const row = await this.policies.withVersions(id);
    if (!row) throw new AppError('not_found', 'Policy not found');
    const robots = await this.policies.robotCounts(row.versions.map((v) => v.id));
    return { ...row, versions: row.versions.map((v) => withRobots(v, robots)) };
  }

  async create(actor: Actor, input: CreatePolicy, requestId: string) {
    return this.transactions.run(async () => {
      if (await this.policies.byName(input.name)) {
        throw new AppError('conflict', `A policy named "${input.name}" already exists`, [
          { path: 'name', message: 'is taken' },
        ]);
      }
      const policy = await this.policies.create({
        name: input.name,
        description: input.description ?? null,
      });
      const version = await this.policies.createVersion({
        policyId: policy.id,
        version: 1,
        tau: input.tau,
        persistMode: toDbPersistMode(input.persistMode),
        notes: input.notes ?? null,
        createdById: operatorIdOf(actor),
      });
      await this.audit.recordActor(actor, {
        action: 'policy.create',
        targetType: 'gate_policy',
        targetId: policy.id,
        after: { ...policy, versions: [versionView(version)] },
        requestId,
      });
      return { ...policy, versions: [versionView(version)] };
    });
  }

  async addVersion(actor: Actor, policyId: string, input: PolicyVersionInput, requestId: string) {
    return this.transactions.run(async () => {
      if (!(await this.policies.lock(policyId))) throw new AppError('not_found', 'Policy not found');
      const latest = await this.policies.latestVersion(policyId);
      const version = await this.policies.createVersion({
        policyId,
        version: (latest?.version ?? 0) + 1,
        tau: input.tau,
        persistMode: toDbPersistMode(input.persistMode),
        notes: input.notes ?? null,
        createdById: operatorIdOf(actor),
      });
      await this.audit.recordActor(actor, {
        action: 'policy_version.create',
        targetType: 'gate_policy_version',
        targetId: version.id,
        before: latest ? versionView(latest) : undefined,
        after: versionView(version),
        requestId,
      });
      return versionView(version);
    });
  }

  async fleetDefault() {
    const settings = await this.policies.fleetSettings();
    const version = settings?.defaultPolicyVersion;
    return version
      ? { policyVersion: versionView(version), policy: version.policy, updatedAt: settings.updatedAt }
      : { policyVersion: null, policy: null, updatedAt: settings?.updatedAt ?? null };
  }

  /** Sets the fleet default and moves every robot not held by a rollout onto it. */
  async setFleetDefault(operator: OperatorPrincipal, input: SetFleetDefault, requestId: string) {
    const result = await this.transactions.run(async () => {
      const version = await this.policies.version(input.policyVersionId);
      if (!version) {
        throw new AppError('validation_failed', 'Unknown policy version', [
          { path: 'policyVersionId', message: 'no such policy version' },
        ]);
      }
      const before = await this.policies.lockFleetDefault();
      await this.policies.setFleetDefault(version.id);
      const robotsMoved = await this.configs.issueFleetDefault(version.id);
      await this.audit.recordOperator(operator, {
        action: 'fleet.default_policy.set',
        targetType: 'fleet_settings',
        targetId: '1',
        before: { defaultPolicyVersionId: before },
        after: { defaultPolicyVersionId: version.id, robotsMoved },
        reason: input.reason ?? null,
        requestId,
      });
      return { policyVersion: versionView(version), robotsMoved };
    });
    await this.configs.announce('all');
    return result;
  }
}
