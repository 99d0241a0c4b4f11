import { Inject, Injectable } from '@nestjs/common';
import type { PersistMode } from '../../generated/prisma/enums.js';
import { Database } from '../../infrastructure/database.js';

export interface NewPolicyVersion {
  policyId: string;
  version: number;
  tau: number;
  persistMode: PersistMode | null;
  notes: string | null;
  createdById: string | null;
}

/** Robots per policy version: applied (acknowledged) and desired. */
export interface RobotCounts {
  applied: Map<string | null, number>;
  desired: Map<string | null, number>;
}

/** Gate policies, their immutable versions and the fleet settings row. Writes join the caller's transaction. */
@Injectable()
export class PoliciesRepository {
  constructor(@Inject(Database) private readonly db: Database) {}

  async listWithVersions() {
    return this.db.client.gatePolicy.findMany({
      orderBy: { name: 'asc' },
      include: { versions: { orderBy: { version: 'asc' } } },
    });
  }

  async withVersions(id: string) {
    return this.db.client.gatePolicy.findUnique({
      where: { id },
      include: { versions: { orderBy: { version: 'asc' } } },
    });
  }

  async byName(name: string) {
    return this.db.client.gatePolicy.findUnique({ where: { name } });
  }

  async create(data: { name: string; description: string | null }) {
    return this.db.client.gatePolicy.create({ data });
  }

  /** Locks the policy row (concurrent publishes get consecutive numbers); false when it does not exist. */
  async lock(id: string): Promise<boolean> {
    const rows = await this.db.client.$queryRaw<{ id: string }[]>`
      SELECT id FROM gate_policy WHERE id = ${id}::uuid FOR UPDATE`;
    return rows.length > 0;
  }

  async latestVersion(policyId: string) {
    return this.db.client.gatePolicyVersion.findFirst({ where: { policyId }, orderBy: { version: 'desc' } });
  }

  async version(id: string) {
    return this.db.client.gatePolicyVersion.findUnique({ where: { id } });
  }

  async createVersion(data: NewPolicyVersion) {
    return this.db.client.gatePolicyVersion.create({ data });
  }

  /** Two grouped counts over the robot table, optionally restricted to some versions. */
  async robotCounts(versionIds?: string[]): Promise<RobotCounts> {
    const [applied, desired] = await Promise.all([
      this.db.client.robot.groupBy({
        by: ['appliedPolicyVersionId'],
        _count: { _all: true },
        ...(versionIds ? { where: { appliedPolicyVersionId: { in: versionIds } } } : {}),
      }),
      this.db.client.robot.groupBy({
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

  async fleetSettings() {
    return this.db.client.fleetSettings.findUnique({
      where: { id: 1 },
      include: { defaultPolicyVersion: { include: { policy: true } } },
    });
  }

  /** Locks the fleet settings row and returns the current default. */
  async lockFleetDefault(): Promise<string | null> {
    const [row] = await this.db.client.$queryRaw<{ default_policy_version_id: string | null }[]>`
      SELECT default_policy_version_id FROM fleet_settings WHERE id = 1 FOR UPDATE`;
    return row?.default_policy_version_id ?? null;
  }

  async setFleetDefault(policyVersionId: string): Promise<void> {
    await this.db.client.fleetSettings.upsert({
      where: { id: 1 },
      create: { id: 1, defaultPolicyVersionId: policyVersionId },
      update: { defaultPolicyVersionId: policyVersionId },
    });
  }
}
