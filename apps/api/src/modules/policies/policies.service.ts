import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error.js';
import type { PersistMode } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infrastructure/prisma.service.js';
import { DesiredConfigService } from '../agent-config/desired-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';

export interface VersionInput {
  tau: number;
  persistMode?: 'none' | 'snapshot' | 'delta-log' | undefined;
  notes?: string | undefined;
}

const toDbMode = (mode: VersionInput['persistMode']): PersistMode | null =>
  mode === undefined ? null : mode === 'delta-log' ? 'delta_log' : mode;
const toWireMode = (mode: PersistMode | null) => (mode === 'delta_log' ? 'delta-log' : mode);

function versionView(row: {
  id: string;
  policyId: string;
  version: number;
  tau: number;
  persistMode: PersistMode | null;
  notes: string | null;
  createdById: string | null;
  createdAt: Date;
}) {
  return { ...row, persistMode: toWireMode(row.persistMode) };
}

interface RobotCounts {
  applied: Map<string | null, number>;
  desired: Map<string | null, number>;
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
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(DesiredConfigService) private readonly configs: DesiredConfigService,
  ) {}

  async list() {
    const rows = await this.prisma.gatePolicy.findMany({
      orderBy: { name: 'asc' },
      include: { versions: { orderBy: { version: 'asc' } } },
    });
    const robots = await this.robotCounts();
    return {
      items: rows.map((row) => ({ ...row, versions: row.versions.map((v) => withRobots(v, robots)) })),
    };
  }

  async get(id: string) {
    const row = await this.prisma.gatePolicy.findUnique({
      where: { id },
      include: { versions: { orderBy: { version: 'asc' } } },
    });
    if (!row) throw new AppError('not_found', 'Policy not found');
    const robots = await this.robotCounts(row.versions.map((v) => v.id));
    return { ...row, versions: row.versions.map((v) => withRobots(v, robots)) };
  }

  /** Robots per policy version, applied and desired: two grouped counts over the robot table. */
  private async robotCounts(versionIds?: string[]): Promise<RobotCounts> {
    const [applied, desired] = await Promise.all([
      this.prisma.robot.groupBy({
        by: ['appliedPolicyVersionId'],
        _count: { _all: true },
        ...(versionIds ? { where: { appliedPolicyVersionId: { in: versionIds } } } : {}),
      }),
      this.prisma.robot.groupBy({
        by: ['desiredPolicyVersionId'],
        _count: { _all: true },
        ...(versionIds ? { where: { desiredPolicyVersionId: { in: versionIds } } } : {}),
      }),
    ]);
    return {
      applied: new Map(applied.map((g) => [g.appliedPolicyVersionId, g._count._all])),
      desired: new Map(desired.map((g) => [g.desiredPolicyVersionId, g._count._all])),
    };
  }

  async create(
    operator: OperatorPrincipal,
    input: { name: string; description?: string | undefined } & VersionInput,
    requestId: string,
  ) {
    return this.prisma.$transaction(async (tx) => {
      if (await tx.gatePolicy.findUnique({ where: { name: input.name } })) {
        throw new AppError('conflict', `A policy named "${input.name}" already exists`, [
          { path: 'name', message: 'is taken' },
        ]);
      }
      const policy = await tx.gatePolicy.create({
        data: { name: input.name, description: input.description ?? null },
      });
      const version = await tx.gatePolicyVersion.create({
        data: {
          policyId: policy.id,
          version: 1,
          tau: input.tau,
          persistMode: toDbMode(input.persistMode),
          notes: input.notes ?? null,
          createdById: operator.operatorId,
        },
      });
      await this.audit.recordOperator(tx, operator, {
        action: 'policy.create',
        targetType: 'gate_policy',
        targetId: policy.id,
        after: { ...policy, versions: [versionView(version)] },
        requestId,
      });
      return { ...policy, versions: [versionView(version)] };
    });
  }

  async addVersion(operator: OperatorPrincipal, policyId: string, input: VersionInput, requestId: string) {
    return this.prisma.$transaction(async (tx) => {
      // Lock the policy so concurrent publishes get consecutive numbers.
      const locked = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM gate_policy WHERE id = ${policyId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new AppError('not_found', 'Policy not found');
      const latest = await tx.gatePolicyVersion.findFirst({
        where: { policyId },
        orderBy: { version: 'desc' },
      });
      const version = await tx.gatePolicyVersion.create({
        data: {
          policyId,
          version: (latest?.version ?? 0) + 1,
          tau: input.tau,
          persistMode: toDbMode(input.persistMode),
          notes: input.notes ?? null,
          createdById: operator.operatorId,
        },
      });
      await this.audit.recordOperator(tx, operator, {
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
    const settings = await this.prisma.fleetSettings.findUnique({
      where: { id: 1 },
      include: { defaultPolicyVersion: { include: { policy: true } } },
    });
    const version = settings?.defaultPolicyVersion;
    return version
      ? { policyVersion: versionView(version), policy: version.policy, updatedAt: settings.updatedAt }
      : { policyVersion: null, policy: null, updatedAt: settings?.updatedAt ?? null };
  }

  /** Sets the fleet default and moves every robot not held by a rollout onto it. */
  async setFleetDefault(
    operator: OperatorPrincipal,
    input: { policyVersionId: string; reason?: string | undefined },
    requestId: string,
  ) {
    const result = await this.prisma.$transaction(async (tx) => {
      const version = await tx.gatePolicyVersion.findUnique({ where: { id: input.policyVersionId } });
      if (!version) {
        throw new AppError('validation_failed', 'Unknown policy version', [
          { path: 'policyVersionId', message: 'no such policy version' },
        ]);
      }
      const [before] = await tx.$queryRaw<{ default_policy_version_id: string | null }[]>`
        SELECT default_policy_version_id FROM fleet_settings WHERE id = 1 FOR UPDATE`;
      await tx.fleetSettings.upsert({
        where: { id: 1 },
        create: { id: 1, defaultPolicyVersionId: version.id },
        update: { defaultPolicyVersionId: version.id },
      });
      const robotsMoved = await this.configs.issueFleetDefault(tx, version.id);
      await this.audit.recordOperator(tx, operator, {
        action: 'fleet.default_policy.set',
        targetType: 'fleet_settings',
        targetId: '1',
        before: { defaultPolicyVersionId: before?.default_policy_version_id ?? null },
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
