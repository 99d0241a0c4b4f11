import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.js';
import { createLogger } from '../src/infrastructure/logger.js';
import { PrismaService } from '../src/infrastructure/prisma.service.js';
import { testConfig } from './support/test-config.js';

/**
 * The database is built by the committed SQL migrations, the client by the Prisma schema. This suite
 * proves they agree: every model is created with every field set, read back, updated and deleted
 * through Prisma Client against the migrated database.
 */
describe('Prisma schema ⇄ SQL migrations', () => {
  const config = testConfig();
  let prisma: PrismaService;

  beforeAll(() => {
    prisma = new PrismaService(config, createLogger(config, 'test'));
  });
  afterAll(async () => {
    await prisma.onModuleDestroy();
  });

  it('has exactly one table per Prisma model (plus dbmate bookkeeping)', async () => {
    // Daily partitions of telemetry_record are storage of one model, not models of their own.
    const rows = await prisma.$queryRaw<{ relname: string }[]>`
      SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND c.relname <> 'schema_migrations'`;
    expect(rows.length).toBe(Object.keys(Prisma.ModelName).length);
  });

  it('round-trips every model with every field', async () => {
    const now = new Date('2026-11-24T10:00:00.000Z');
    const operator = await prisma.operator.create({
      data: { name: 'Ada', email: 'ada@example.com', role: 'admin', disabledAt: now },
    });
    expect(await prisma.operator.findUniqueOrThrow({ where: { id: operator.id } })).toMatchObject({
      role: 'admin',
      disabledAt: now,
    });

    const apiKey = await prisma.apiKey.create({
      data: {
        operatorId: operator.id,
        name: 'ci',
        prefix: 'ak_test1',
        secretHash: 'hash',
        lastUsedAt: now,
        expiresAt: now,
        revokedAt: now,
      },
    });
    const session = await prisma.dashboardSession.create({
      data: {
        prefix: 'ds_test1',
        secretHash: 'hash',
        operatorId: operator.id,
        apiKeyId: apiKey.id,
        lastSeenAt: now,
        expiresAt: now,
        revokedAt: now,
        revokedReason: 'sign_out',
      },
    });
    expect(await prisma.dashboardSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      apiKeyId: apiKey.id,
      revokedReason: 'sign_out',
    });
    const group = await prisma.robotGroup.create({
      data: { name: 'warehouse-a', description: 'Aisle robots' },
    });
    const token = await prisma.enrollmentToken.create({
      data: {
        name: 'batch 1',
        prefix: 'et_test1',
        secretHash: 'hash',
        expiresAt: now,
        maxUses: 10,
        uses: 1,
        groupId: group.id,
        tags: ['arm', 'v2'],
        createdById: operator.id,
        revokedAt: now,
      },
    });
    const policy = await prisma.gatePolicy.create({
      data: { name: 'schema-check', description: 'd', archivedAt: now },
    });
    const version = await prisma.gatePolicyVersion.create({
      data: {
        policyId: policy.id,
        version: 1,
        tau: 0.5,
        persistMode: 'delta_log',
        notes: 'n',
        createdById: operator.id,
      },
    });
    // The fleet_settings singleton is seeded by the migrations.
    const seeded = await prisma.fleetSettings.findUniqueOrThrow({ where: { id: 1 } });
    await prisma.fleetSettings.delete({ where: { id: 1 } });
    const settings = await prisma.fleetSettings.create({ data: { defaultPolicyVersionId: version.id } });
    const robot = await prisma.robot.create({
      data: {
        name: 'r-1',
        secretPrefix: 'rs_test1',
        secretHash: 'hash',
        hardware: { storage: 'emmc', capacityBytes: 32_000_000_000 },
        tags: ['arm'],
        enrollmentTokenId: token.id,
        lastSeenAt: now,
        desiredPolicyVersionId: version.id,
        desiredConfigVersion: 2,
        appliedPolicyVersionId: version.id,
        appliedConfigVersion: 1,
        appliedAt: now,
        lastSeq: 9_007_199_254_740_991n,
        latestTelemetry: { seq: 1 },
      },
    });
    await prisma.robot.update({ where: { id: robot.id }, data: { desiredRolloutId: null } });
    const robotConfig = await prisma.robotConfig.create({
      data: {
        robotId: robot.id,
        version: 1,
        policyVersionId: version.id,
        deliveredAt: now,
        ackedAt: now,
        ackStatus: 'rejected',
        ackReason: 'bad signature',
      },
    });
    const member = await prisma.robotGroupMember.create({ data: { robotId: robot.id, groupId: group.id } });
    const report = await prisma.robotAgentReport.create({
      data: {
        robotId: robot.id,
        inventory: { agentVersion: '0.1.0' },
        outbox: { pending: 1, dropped: 2, quarantined: 3 },
        agentVersion: '0.1.0',
        arch: 'arm64',
        flashKind: 'emmc',
        flashModel: 'DG4016',
        reportedAt: now,
      },
    });
    expect(await prisma.robotAgentReport.findUniqueOrThrow({ where: { robotId: robot.id } })).toEqual(report);
    await prisma.robotAgentReport.update({
      where: { robotId: robot.id },
      data: { arch: 'x64', flashKind: null },
    });
    await prisma.robotAgentReport.delete({ where: { robotId: robot.id } });
    // telemetry_record is partitioned by day; the day must have its partition.
    await prisma.$queryRaw`SELECT telemetry_ensure_partition(${now.toISOString().slice(0, 10)}::date)`;
    const telemetry = await prisma.telemetryRecord.create({
      data: {
        robotId: robot.id,
        seq: 1n,
        windowStart: now,
        windowEnd: now,
        steps: 100,
        writes: 12,
        tau: 0.5,
        policyVersionId: version.id,
        stateBytes: 4224,
        kvEquivalentBytes: 25_600n,
        flashBytesWritten: 50_688n,
        wearFraction: 0.001,
        deviceWearSource: 'emmc.life_time',
        deviceWearValue: 0.1,
        episodesCompleted: 3,
        episodesSucceeded: 2,
        latencyP50Us: 80.5,
        latencyP99Us: 300.25,
      },
    });
    const rollout = await prisma.rollout.create({
      data: {
        name: 'lower tau',
        policyVersionId: version.id,
        status: 'running',
        spec: { steps: [{ percent: 10, bakeSeconds: 60 }] },
        currentStep: 0,
        stepStartedAt: now,
        revision: 1,
        statusReason: 'started',
        createdById: operator.id,
        startedAt: now,
        endedAt: now,
      },
    });
    const assignment = await prisma.rolloutAssignment.create({
      data: {
        rolloutId: rollout.id,
        robotId: robot.id,
        stepIndex: 0,
        state: 'delivered',
        previousPolicyVersionId: version.id,
        configVersion: 2,
        stateReason: 'sent',
      },
    });
    const audit = await prisma.auditEvent.create({
      data: {
        actorType: 'operator',
        actorId: operator.id,
        action: 'rollout.start',
        targetType: 'rollout',
        targetId: rollout.id,
        before: { status: 'draft' },
        after: { status: 'running' },
        reason: 'test',
        requestId: 'req-1',
      },
    });

    // Read back through relations.
    const loaded = await prisma.robot.findUniqueOrThrow({
      where: { id: robot.id },
      include: {
        configs: true,
        groups: true,
        telemetry: true,
        assignments: true,
        desiredPolicyVersion: true,
        enrollmentToken: true,
      },
    });
    expect(loaded.lastSeq).toBe(9_007_199_254_740_991n);
    expect(loaded.tags).toEqual(['arm']);
    expect(loaded.groups).toHaveLength(1);
    expect(loaded.configs[0]).toMatchObject({
      version: 1,
      ackStatus: 'rejected',
      ackReason: 'bad signature',
    });
    expect(loaded.telemetry[0]).toMatchObject({ seq: 1n, writes: 12, deviceWearSource: 'emmc.life_time' });
    expect(loaded.assignments[0]?.state).toBe('delivered');
    expect(loaded.desiredPolicyVersion?.persistMode).toBe('delta_log');
    expect(loaded.enrollmentToken?.tags).toEqual(['arm', 'v2']);
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: audit.id } })).after).toEqual({
      status: 'running',
    });

    // Update every model.
    await prisma.operator.update({ where: { id: operator.id }, data: { role: 'viewer' } });
    await prisma.apiKey.update({ where: { id: apiKey.id }, data: { name: 'ci-2' } });
    await prisma.dashboardSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
    await prisma.robotGroup.update({ where: { id: group.id }, data: { description: null } });
    await prisma.enrollmentToken.update({ where: { id: token.id }, data: { uses: { increment: 1 } } });
    await prisma.gatePolicy.update({ where: { id: policy.id }, data: { archivedAt: null } });
    await prisma.gatePolicyVersion.update({ where: { id: version.id }, data: { notes: 'annotated' } });
    await prisma.fleetSettings.update({ where: { id: settings.id }, data: { defaultPolicyVersionId: null } });
    await prisma.robot.update({
      where: { id: robot.id },
      data: { lastSeq: { increment: 0 }, tags: { push: 'v2' } },
    });
    await prisma.robotGroupMember.update({
      where: { robotId_groupId: { robotId: member.robotId, groupId: member.groupId } },
      data: { addedAt: now },
    });
    await prisma.telemetryRecord.update({
      where: {
        robotId_seq_windowStart: {
          robotId: telemetry.robotId,
          seq: telemetry.seq,
          windowStart: telemetry.windowStart,
        },
      },
      data: { writes: 13 },
    });
    await prisma.rollout.update({
      where: { id: rollout.id },
      data: { status: 'paused', revision: { increment: 1 } },
    });
    await prisma.robotConfig.update({
      where: { robotId_version: { robotId: robotConfig.robotId, version: 1 } },
      data: { rolloutId: rollout.id },
    });
    await prisma.robot.update({ where: { id: robot.id }, data: { desiredRolloutId: rollout.id } });
    await prisma.rolloutAssignment.update({
      where: { rolloutId_robotId: { rolloutId: assignment.rolloutId, robotId: assignment.robotId } },
      data: { state: 'applied' },
    });
    await prisma.auditEvent.update({ where: { id: audit.id }, data: { reason: 'edited in test' } });
    expect((await prisma.robot.findUniqueOrThrow({ where: { id: robot.id } })).tags).toEqual(['arm', 'v2']);

    // Delete every model (children first).
    await prisma.auditEvent.delete({ where: { id: audit.id } });
    await prisma.rolloutAssignment.deleteMany({ where: { rolloutId: rollout.id } });
    await prisma.rollout.delete({ where: { id: rollout.id } });
    await prisma.robotConfig.deleteMany({ where: { robotId: robot.id } });
    await prisma.telemetryRecord.deleteMany({ where: { robotId: robot.id } });
    await prisma.robotGroupMember.deleteMany({ where: { robotId: robot.id } });
    // robot_tally and robot_tag_tally (migrations 20261202170000, 20261203160000) are kept by triggers
    // on robot (the API never writes them). Each read with the counts it is compared to in one
    // snapshot: other suites enrol robots meanwhile.
    const talliesAgree = () =>
      prisma.$transaction(
        async (tx) => {
          const tallied = await tx.robotTally.findUniqueOrThrow({ where: { id: true } });
          const arm = await tx.robotTagTally.findUnique({ where: { tag: 'arm' } });
          expect(Number(tallied.robots)).toBe(await tx.robot.count());
          expect(Number(arm?.robots ?? 0n)).toBe(await tx.robot.count({ where: { tags: { has: 'arm' } } }));
          return { robots: tallied.robots, arm: arm?.robots ?? 0n };
        },
        { isolationLevel: 'RepeatableRead' },
      );
    expect((await talliesAgree()).arm).toBeGreaterThan(0n);
    await prisma.robot.delete({ where: { id: robot.id } });
    await talliesAgree();
    await prisma.fleetSettings.delete({ where: { id: settings.id } });
    await prisma.fleetSettings.create({
      data: { id: 1, defaultPolicyVersionId: seeded.defaultPolicyVersionId },
    });
    await prisma.gatePolicyVersion.delete({ where: { id: version.id } });
    await prisma.gatePolicy.delete({ where: { id: policy.id } });
    await prisma.enrollmentToken.delete({ where: { id: token.id } });
    await prisma.robotGroup.delete({ where: { id: group.id } });
    await prisma.dashboardSession.delete({ where: { id: session.id } });
    await prisma.apiKey.delete({ where: { id: apiKey.id } });
    await prisma.operator.delete({ where: { id: operator.id } });
    expect(await prisma.operator.count({ where: { id: operator.id } })).toBe(0);
  });

  it('round-trips the flash-life autopilot models with every field', async () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    const operator = await prisma.operator.create({ data: { name: 'Autopilot op', role: 'operator' } });
    const policy = await prisma.gatePolicy.create({ data: { name: 'autopilot-schema-check' } });
    const version = await prisma.gatePolicyVersion.create({
      data: { policyId: policy.id, version: 1, tau: 0.6, persistMode: 'delta_log' },
    });
    const robot = await prisma.robot.create({
      data: { name: 'ap-1', secretPrefix: 'rs_ap_schema', secretHash: 'hash' },
    });
    const rollout = await prisma.rollout.create({
      data: { name: 'autopilot 0.60/delta-log', policyVersionId: version.id, spec: { steps: [] } },
    });
    // the singleton may exist (another file enabled the autopilot): set it aside, restore it after
    const prior = await prisma.autopilotSettings.findUnique({ where: { id: 1 } });
    if (prior) await prisma.autopilotSettings.delete({ where: { id: 1 } });
    const settings = await prisma.autopilotSettings.create({
      data: { settings: { enabled: true }, policyId: policy.id, updatedById: operator.id, updatedAt: now },
    });
    const run = await prisma.autopilotRun.create({
      data: {
        trigger: 'manual',
        startedAt: now,
        finishedAt: now,
        outcome: 'completed',
        message: 'ok',
        modelName: 'aura-mem-hard-v1',
        curveSha256: 'a'.repeat(64),
        counts: { change: 1 },
        correlationId: 'req-1',
      },
    });
    const recommendation = await prisma.autopilotRecommendation.create({
      data: {
        robotId: robot.id,
        runId: run.id,
        status: 'insufficient_data',
        reason: 'r',
        belowTarget: true,
        currentTau: 0.5,
        currentPersistMode: 'snapshot',
        projectedLifeDays: 600,
        requiredLifeDays: 1826,
        targetDays: 1826,
        stepTau: 0.5,
        stepPersistMode: 'delta_log',
        stepLifeDays: 2000,
        stepSuccessChange: -0.01,
        bestAchievableLifeDays: 3000,
        details: { numbers: true },
        computedAt: now,
      },
    });
    const proposal = await prisma.autopilotProposal.create({
      data: {
        runId: run.id,
        rolloutId: rollout.id,
        policyVersionId: version.id,
        tau: 0.6,
        persistMode: 'delta_log',
        status: 'dismissed',
        robotIds: [robot.id],
        belowTarget: 1,
        predicted: { robots: [] },
        reason: 'r',
        outcomeReason: 'o',
        createdAt: now,
        decidedAt: now,
        decidedById: operator.id,
      },
    });
    const block = await prisma.autopilotBlock.create({
      data: {
        robotId: robot.id,
        proposalId: proposal.id,
        fromTau: 0.5,
        toTau: 0.6,
        persistMode: 'delta_log',
        curveSha256: 'a'.repeat(64),
        targetDays: 1826,
        fromPersistMode: 'snapshot',
        wearPerDay: 1e-4,
        reason: 'rolled back',
        createdAt: now,
      },
    });
    expect(await prisma.autopilotSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject(settings);
    expect(await prisma.autopilotRun.findUniqueOrThrow({ where: { id: run.id } })).toEqual(run);
    expect(await prisma.autopilotRecommendation.findUniqueOrThrow({ where: { robotId: robot.id } })).toEqual(
      recommendation,
    );
    expect(await prisma.autopilotProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toEqual(
      proposal,
    );
    expect(await prisma.autopilotBlock.findUniqueOrThrow({ where: { id: block.id } })).toEqual(block);
    await prisma.autopilotProposal.update({ where: { id: proposal.id }, data: { status: 'superseded' } });
    await prisma.autopilotRecommendation.update({ where: { robotId: robot.id }, data: { status: 'hold' } });
    await prisma.autopilotBlock.delete({ where: { id: block.id } });
    await prisma.autopilotProposal.delete({ where: { id: proposal.id } });
    await prisma.autopilotRecommendation.delete({ where: { robotId: robot.id } });
    await prisma.autopilotRun.delete({ where: { id: run.id } });
    await prisma.autopilotSettings.delete({ where: { id: 1 } });
    if (prior) await prisma.autopilotSettings.create({ data: { ...prior, settings: prior.settings ?? {} } });
    await prisma.rollout.delete({ where: { id: rollout.id } });
    await prisma.robot.delete({ where: { id: robot.id } });
    await prisma.gatePolicyVersion.delete({ where: { id: version.id } });
    await prisma.gatePolicy.delete({ where: { id: policy.id } });
    await prisma.operator.delete({ where: { id: operator.id } });
  });

  it('round-trips the fleet summary snapshot with every field', async () => {
    // a scope no request asks for (a group's is its uuid, the fleet's 'fleet'): other files share this database
    const scope = `schema-agreement-${Date.now().toString(36)}`;
    const data = {
      scope,
      lifeTargetDays: 1825.5,
      windowMinutes: 60,
      computedAt: new Date('2026-12-03T10:00:00.000Z'),
      durationMs: 12,
      figures: { total: 3, worst: [] },
    };
    const key = { scope_windowMinutes_lifeTargetDays: { scope, windowMinutes: 60, lifeTargetDays: 1825.5 } };
    expect(await prisma.fleetSummarySnapshot.create({ data })).toEqual(data);
    expect(await prisma.fleetSummarySnapshot.update({ where: key, data: { durationMs: 13 } })).toEqual({
      ...data,
      durationMs: 13,
    });
    await prisma.fleetSummarySnapshot.delete({ where: key });
    expect(await prisma.fleetSummarySnapshot.findUnique({ where: key })).toBeNull();
  });

  it('round-trips the config-signing key models with every field', async () => {
    const now = new Date('2026-12-02T09:00:00.000Z');
    const operator = await prisma.operator.create({ data: { name: 'Key admin', role: 'admin' } });
    const key = await prisma.configSigningKey.create({
      data: {
        keyId: 'schema-check-key',
        publicKey: 'MCowBQYDK2VwAyEA',
        encryptedPrivateKey: 'v1.a.b.c',
        development: true,
        status: 'revoked',
        createdById: operator.id,
        createdAt: now,
        activatedAt: now,
        retiredAt: now,
        revokedAt: now,
      },
    });
    expect(await prisma.configSigningKey.findUniqueOrThrow({ where: { keyId: 'schema-check-key' } })).toEqual(
      key,
    );
    const updated = await prisma.configSigningKey.update({
      where: { id: key.id },
      data: { status: 'retired' },
    });
    expect(updated.status).toBe('retired');
    const set = await prisma.configKeySet.create({
      data: { version: 1_000_000, body: { keys: [] }, createdAt: now },
    });
    expect(await prisma.configKeySet.findUniqueOrThrow({ where: { version: 1_000_000 } })).toEqual(set);
    const robot = await prisma.robot.create({
      data: {
        name: 'keys-1',
        secretPrefix: 'rs_keys_schema',
        secretHash: 'hash',
        enrolledKeySetVersion: 7,
        decommissionedAt: now,
        decommissionReason: 'sold',
        secretRotatedAt: now,
      },
    });
    expect(await prisma.robot.findUniqueOrThrow({ where: { id: robot.id } })).toMatchObject({
      enrolledKeySetVersion: 7,
      decommissionedAt: now,
      decommissionReason: 'sold',
      secretRotatedAt: now,
    });
    await prisma.robot.delete({ where: { id: robot.id } });
    await prisma.configKeySet.delete({ where: { version: 1_000_000 } });
    await prisma.configSigningKey.delete({ where: { id: key.id } });
    await prisma.operator.delete({ where: { id: operator.id } });
  });

  it('refuses changes to an immutable gate policy version and out-of-range values', async () => {
    const policy = await prisma.gatePolicy.create({ data: { name: 'immutable-check' } });
    const version = await prisma.gatePolicyVersion.create({
      data: { policyId: policy.id, version: 1, tau: 0.4 },
    });
    await expect(
      prisma.gatePolicyVersion.update({ where: { id: version.id }, data: { tau: 0.9 } }),
    ).rejects.toThrow(/immutable/);
    await expect(
      prisma.gatePolicyVersion.create({ data: { policyId: policy.id, version: 2, tau: 1.5 } }),
    ).rejects.toThrow();
    await prisma.gatePolicyVersion.delete({ where: { id: version.id } });
    await prisma.gatePolicy.delete({ where: { id: policy.id } });
  });
});
