import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, sleep } from './ports.js';
import { TestProcess } from './processes.js';

/** True when this machine has redis-server and redis-cli (a cluster can be made offline). */
export const haveRedisCluster = (): boolean =>
  ['redis-server', 'redis-cli'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

/** A redis-server of this test's own (a test may FLUSHALL it, which the shared one must never see). */
export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A foreground redis-server on `port` keeping nothing on disk (its files under `work`), plus `options`. */
function redisServerProcess(port: number, work: string, options: string[] = []) {
  return TestProcess.start(
    [
      'redis-server',
      ...['--port', String(port), '--bind', '127.0.0.1', '--dir', work, ...options],
      ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    ],
    {
      name: `redis-server :${port}`,
      cwd: work,
      env: {},
      ready: { output: 'Ready to accept connections' },
      timeoutMs: 30_000,
    },
  );
}

/** Starts a redis-server on a free local port, nothing on disk; killed when the test process ends. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const work = mkdtempSync(path.join(tmpdir(), 'aura-redis-'));
  const server = await redisServerProcess(port, work).catch((error: unknown) => {
    rmSync(work, { recursive: true, force: true });
    throw error;
  });
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await server.kill();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A Redis Cluster of this test's own: N primaries on local ports, no replicas, nothing on disk. */
export interface RedisCluster {
  ports: number[];
  /** `127.0.0.1:p1,127.0.0.1:p2,…`: the value for REDIS_CLUSTER_NODES. */
  nodes: string;
  /** The port of the primary that owns `key`'s slot (`{tag}` keys: the tag's slot). */
  ownerOf(key: string): Promise<number>;
  /** Kills every node and removes their files. */
  stop(): Promise<void>;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts `size` redis-server processes in cluster mode on free local ports, joins them with
 * `redis-cli --cluster create` (slots split evenly, no replicas) and waits until every node reports
 * `cluster_state:ok` and all agree about the slots. The servers are TestProcesses: killed when the
 * test process ends, however it ends.
 */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const work = mkdtempSync(path.join(tmpdir(), 'aura-redis-cluster-'));
  const servers: TestProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.kill()));
    rmSync(work, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      const port = await freePort();
      ports.push(port);
      // started one by one: freePort may hand out a port again until it is taken
      servers.push(
        await redisServerProcess(port, work, [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          path.join(work, `nodes-${port}.conf`),
        ]),
      );
    }
    const create = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8' },
    );
    if (create.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    // Every node, not only the first, must know the whole slot map before a client relies on it.
    for (const port of ports) {
      const node = new Redis({ port, lazyConnect: true });
      try {
        await until(
          async () => (await node.cluster('INFO')).includes('cluster_state:ok'),
          `cluster_state:ok on ${port}`,
        );
      } finally {
        node.disconnect();
      }
    }
    await until(async () => {
      const check = spawnSync('redis-cli', ['--cluster', 'check', `127.0.0.1:${ports[0]}`], {
        encoding: 'utf8',
      });
      return check.status === 0 && check.stdout.includes('[OK] All nodes agree about slots configuration.');
    }, 'all nodes agreeing about slots');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    nodes: ports.map((port) => `127.0.0.1:${port}`).join(','),
    async ownerOf(key: string) {
      const node = new Redis({ port: ports[0] });
      try {
        const slot = Number(await node.cluster('KEYSLOT', key));
        const ranges = await node.cluster('SLOTS');
        const owner = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
        if (owner === undefined) throw new Error(`no node owns slot ${slot}`);
        return owner;
      } finally {
        node.disconnect();
      }
    },
    stop,
  };
}
