/**
 * What docs/deployment.md says about Redis Cluster, checked on a 3-node cluster of the machine's own
 * redis-server on local ports (@aura/testing's startRedisCluster: `redis-cli --cluster create`,
 * offline): BullMQ — the API's own copy and version — needs the REDIS_PREFIX hash tag on a cluster,
 * and a single-node client (what the API and worker use without REDIS_CLUSTER_NODES) works only against
 * the node that owns the tag's slot. The API and worker themselves on a cluster:
 * apps/api/test/redis-cluster.int.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { haveRedisCluster, type RedisCluster, startRedisCluster } from '@aura/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

// The API's BullMQ (not a root dependency): resolved from apps/api as the API resolves it.
type BullMq = typeof import('bullmq');
let bullmq: BullMq;

/** Adds one job and waits for a worker on the same connection options to complete it. */
async function roundTrip(connection: Redis | Cluster, prefix: string): Promise<unknown> {
  const name = `q-${randomBytes(3).toString('hex')}`;
  const queue = new bullmq.Queue(name, { connection, prefix });
  const worker = new bullmq.Worker(name, async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
    connection,
    prefix,
  });
  worker.on('error', () => undefined); // the untagged case's CROSSSLOT, asserted through queue.add
  try {
    const job = await queue.add('double', { n: 21 });
    // Polls the job's hash until it is finished (a QueueEvents stream read can start after the
    // completion event, and on a fresh cluster getState answered 'completed' before the job finished).
    const id = job.id ?? '';
    let state = 'unknown';
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const current = await bullmq.Job.fromId(queue, id);
      state = current ? await current.getState() : 'missing';
      if (current?.finishedOn && current.failedReason) throw new Error(`job failed: ${current.failedReason}`);
      if (current?.finishedOn) return current.returnvalue;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} still ${state} after 15 s`);
  } finally {
    await worker.close();
    await queue.close();
  }
}

describe.skipIf(!haveRedisCluster())('Redis Cluster (3 local nodes)', () => {
  let cluster: RedisCluster;
  let ports: number[] = [];
  let ownerPort = 0;
  let otherPort = 0;
  const tag = `{aura-${randomBytes(3).toString('hex')}}`;

  beforeAll(async () => {
    const require = createRequire(path.join(root, 'apps/api/package.json'));
    bullmq = (await import(pathToFileURL(require.resolve('bullmq')).href)) as BullMq;
    cluster = await startRedisCluster(3);
    ports = cluster.ports;
    ownerPort = await cluster.ownerOf(tag);
    otherPort = ports.find((p) => p !== ownerPort) ?? 0;
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('BullMQ through a cluster client works with a {hash tag} prefix (the base ConfigMap: REDIS_PREFIX={aura})', async () => {
    const client = new Cluster([{ host: '127.0.0.1', port: ports[0] ?? 0 }], {
      redisOptions: { maxRetriesPerRequest: null },
    });
    try {
      expect(await roundTrip(client, `${tag}:bull`)).toEqual({ doubled: 42 });
    } finally {
      client.disconnect();
    }
  });

  it('without a hash tag BullMQ fails on a cluster: its scripts touch keys in several slots', async () => {
    const client = new Cluster([{ host: '127.0.0.1', port: ports[0] ?? 0 }], {
      redisOptions: { maxRetriesPerRequest: null },
    });
    try {
      await expect(roundTrip(client, `aura-untagged-${randomBytes(3).toString('hex')}:bull`)).rejects.toThrow(
        /CROSSSLOT|MOVED|same slot/i,
      );
    } finally {
      client.disconnect();
    }
  });

  it("a single-node connection (no REDIS_CLUSTER_NODES) works against the node owning the tag's slot, and gets MOVED from any other", async () => {
    // What BullModule builds from REDIS_URL alone: one ioredis client to one node.
    const owner = new Redis({ port: ownerPort, maxRetriesPerRequest: null });
    const other = new Redis({ port: otherPort, maxRetriesPerRequest: null });
    try {
      expect(await roundTrip(owner, `${tag}:bull`)).toEqual({ doubled: 42 });
      await expect(other.set(`${tag}:probe`, '1')).rejects.toThrow(/MOVED/);
    } finally {
      owner.disconnect();
      other.disconnect();
    }
  });
});
