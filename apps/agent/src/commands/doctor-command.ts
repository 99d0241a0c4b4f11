import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkModelContract, describeOnnxModel } from '@aura/core';
import { AgentClient } from '../client/agent-client.js';
import { type AgentConfig, loadAgentConfig } from '../config/agent-config.js';
import {
  createHttpTransport,
  describeNetworkError,
  type HttpTransport,
  installHttpTransport,
} from '../control-plane/http-transport.js';
import { createSession } from '../model/load-aura-model.js';
import type { RunIo } from './run-command.js';
import { DEFAULT_CONFIG_FILE } from './status-command.js';

export type CheckLevel = 'ok' | 'warn' | 'FAIL';
export interface CheckResult {
  level: CheckLevel;
  check: string;
  detail: string;
}

/** clock skew against the API beyond which telemetry windows risk refusal */
export const CLOCK_SKEW_WARN_MS = 5_000;
export const CLOCK_SKEW_FAIL_MS = 60_000;

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

const octal = (m: number) => `0${m.toString(8).padStart(3, '0')}`;

/** Checks the model file: readable, sha256 as configured, contract, a session with the providers. */
async function checkModel(config: AgentConfig): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(config.model.path));
  } catch (err) {
    return [
      {
        level: 'FAIL',
        check: 'model',
        detail: `cannot read ${config.model.path}: ${(err as Error).message}`,
      },
    ];
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (!config.model.sha256) {
    out.push({ level: 'warn', check: 'model.sha256', detail: `not pinned (the file's is ${sha})` });
  } else if (config.model.sha256.toLowerCase() !== sha) {
    out.push({
      level: 'FAIL',
      check: 'model.sha256',
      detail: `file is ${sha}, configured ${config.model.sha256}`,
    });
  } else out.push({ level: 'ok', check: 'model.sha256', detail: sha });
  try {
    const mismatches = checkModelContract(describeOnnxModel(bytes), { dKey: 32, dVal: 32 });
    out.push(
      mismatches.length === 0
        ? {
            level: 'ok',
            check: 'model contract',
            detail: `${config.model.path} matches the AURA-Mem step contract`,
          }
        : { level: 'FAIL', check: 'model contract', detail: mismatches.join('; ') },
    );
  } catch (err) {
    out.push({
      level: 'FAIL',
      check: 'model contract',
      detail: `not a readable ONNX model: ${(err as Error).message}`,
    });
  }
  try {
    const session = await createSession(bytes, config.model.executionProviders);
    await session.release();
    out.push({
      level: 'ok',
      check: 'model.executionProviders',
      detail: `session created with ${config.model.executionProviders.join(', ')}`,
    });
  } catch (err) {
    out.push({ level: 'FAIL', check: 'model.executionProviders', detail: (err as Error).message });
  }
  return out;
}

/** The state directory exists (or can be made), is writable by this user and not open to others. */
function checkStateDir(config: AgentConfig): CheckResult[] {
  const dir = config.stateDir;
  const out: CheckResult[] = [];
  if (!existsSync(dir)) {
    const parent = path.dirname(dir);
    try {
      accessSync(parent, constants.W_OK);
      out.push({
        level: 'warn',
        check: 'stateDir',
        detail: `${dir} does not exist yet (the agent creates it)`,
      });
    } catch {
      out.push({
        level: 'FAIL',
        check: 'stateDir',
        detail: `${dir} does not exist and ${parent} is not writable`,
      });
    }
    return out;
  }
  try {
    accessSync(dir, constants.W_OK | constants.R_OK | constants.X_OK);
  } catch {
    out.push({
      level: 'FAIL',
      check: 'stateDir',
      detail: `${dir} is not writable by uid ${process.getuid?.()}`,
    });
    return out;
  }
  const st = statSync(dir);
  const mode = st.mode & 0o777;
  out.push(
    mode & 0o007
      ? {
          level: 'warn',
          check: 'stateDir',
          detail: `${dir} is ${octal(mode)}: other users can read it (0750 or tighter)`,
        }
      : { level: 'ok', check: 'stateDir', detail: `${dir} ${octal(mode)}, owner uid ${st.uid}, writable` },
  );
  const credential = path.join(dir, 'credentials', 'credential.json');
  if (existsSync(credential)) {
    const m = modeOf(credential);
    out.push(
      m & 0o077
        ? {
            level: 'FAIL',
            check: 'credential',
            detail: `${credential} is ${octal(m)}: must be 0600 (the agent tightens it at start)`,
          }
        : { level: 'ok', check: 'credential', detail: `${credential} ${octal(m)}` },
    );
  }
  return out;
}

async function checkSocket(config: AgentConfig): Promise<CheckResult> {
  const file = config.socket.path ?? path.join(config.stateDir, 'agent.sock');
  if (!existsSync(file)) {
    return { level: 'warn', check: 'socket', detail: `${file}: no agent is serving it (not running?)` };
  }
  try {
    const client = await AgentClient.connect(file, 2000);
    const hello = await client.hello('aura-agent doctor');
    await client.close();
    return {
      level: 'ok',
      check: 'socket',
      detail: `${file}: agent ${hello.version} answers (step ${hello.steps})`,
    };
  } catch (err) {
    return { level: 'FAIL', check: 'socket', detail: `${file}: ${(err as Error).message}` };
  }
}

/** Proxy route, TLS, reachability and clock skew against the API (its Date header). */
async function checkApi(
  config: AgentConfig,
  transport: HttpTransport,
  now: () => number,
): Promise<CheckResult[]> {
  const url = config.api.url;
  if (!url)
    return [
      {
        level: 'warn',
        check: 'api',
        detail: 'no api.url: the agent runs offline (telemetry stays in the outbox)',
      },
    ];
  const out: CheckResult[] = [];
  const u = new URL(url);
  out.push(
    u.protocol === 'https:'
      ? { level: 'ok', check: 'api.url', detail: url }
      : { level: 'warn', check: 'api.url', detail: `${url} is plain http (allowed by "development": true)` },
  );
  const route = transport.route(url);
  out.push({
    level: 'ok',
    check: 'proxy',
    detail: route.proxy
      ? `through ${route.proxy.replace(/\/\/[^@/]*@/, '//***@')} (HTTPS_PROXY/HTTP_PROXY)`
      : route.bypassedBy
        ? `direct (NO_PROXY entry "${route.bypassedBy}")`
        : 'direct (no HTTPS_PROXY/HTTP_PROXY)',
  });
  if (config.api.caFile) {
    out.push({
      level: 'ok',
      check: 'api.caFile',
      detail: `${config.api.caFile}: ${transport.extraCaCertificates} certificate(s) trusted besides the system's`,
    });
  }
  const base = url.replace(/\/$/, '');
  let response: Response | undefined;
  const t0 = now();
  for (const probe of ['/livez', '/healthz']) {
    try {
      response = await fetch(`${base}${probe}`, { signal: AbortSignal.timeout(10_000) });
      if (response.status !== 404) break;
    } catch (err) {
      out.push({
        level: 'FAIL',
        check: 'api reachable',
        detail: `${base}${probe}: ${describeNetworkError(err)}`,
      });
      return out;
    }
  }
  const t1 = now();
  if (!response) return out;
  out.push(
    response.ok
      ? {
          level: 'ok',
          check: 'api reachable',
          detail: `${new URL(response.url).pathname} ${response.status} in ${t1 - t0} ms`,
        }
      : { level: 'FAIL', check: 'api reachable', detail: `HTTP ${response.status} from ${response.url}` },
  );
  const date = response.headers.get('date');
  if (date) {
    // the Date header has one-second resolution: compare with the middle of the request
    const skew = Math.round((t0 + t1) / 2 - Date.parse(date));
    const abs = Math.abs(skew) - 500;
    const detail = `this robot's clock is ${Math.abs(skew)} ms ${skew >= 0 ? 'ahead of' : 'behind'} the API's (±500 ms)`;
    out.push({
      level: abs > CLOCK_SKEW_FAIL_MS ? 'FAIL' : abs > CLOCK_SKEW_WARN_MS ? 'warn' : 'ok',
      check: 'clock',
      detail,
    });
  } else out.push({ level: 'warn', check: 'clock', detail: 'the API sent no Date header: skew unknown' });
  return out;
}

function checkEnrolment(config: AgentConfig): CheckResult {
  const credential = path.join(config.stateDir, 'credentials', 'credential.json');
  if (existsSync(credential)) {
    try {
      const c = JSON.parse(readFileSync(credential, 'utf8')) as { robotId?: string; apiUrl?: string };
      return { level: 'ok', check: 'enrolment', detail: `enrolled as robot ${c.robotId} with ${c.apiUrl}` };
    } catch (err) {
      return { level: 'FAIL', check: 'enrolment', detail: `${credential}: ${(err as Error).message}` };
    }
  }
  if (!config.api.url) return { level: 'ok', check: 'enrolment', detail: 'offline: no enrolment needed' };
  return config.api.enrollmentToken
    ? { level: 'ok', check: 'enrolment', detail: 'not enrolled yet; an enrolment token is configured' }
    : {
        level: 'FAIL',
        check: 'enrolment',
        detail: 'not enrolled and no api.enrollmentToken (AURA_AGENT_ENROLLMENT_TOKEN)',
      };
}

/**
 * `aura-agent doctor`: checks configuration, model, state directory permissions, the socket, the
 * proxy route, TLS and reachability of the API, clock skew against it, and enrolment. One line per
 * check; exit 1 when any check FAILs.
 */
export async function doctorCommand(
  options: { config?: string; json?: boolean },
  io: RunIo,
  now: () => number = Date.now,
): Promise<number> {
  const file = options.config ?? io.env.AURA_AGENT_CONFIG ?? DEFAULT_CONFIG_FILE;
  const results: CheckResult[] = [];
  let config: AgentConfig | undefined;
  try {
    config = loadAgentConfig(file, io.env);
    results.push({ level: 'ok', check: 'config', detail: `${file} is valid` });
  } catch (err) {
    results.push({ level: 'FAIL', check: 'config', detail: (err as Error).message.replace(/\n/g, ' ') });
  }
  if (config) {
    results.push(...(await checkModel(config)));
    results.push(...checkStateDir(config));
    results.push(await checkSocket(config));
    let transport: HttpTransport | undefined;
    try {
      transport = createHttpTransport(config.api.caFile ? { caFile: config.api.caFile } : {}, io.env);
      installHttpTransport(transport);
    } catch (err) {
      results.push({ level: 'FAIL', check: 'api.caFile', detail: (err as Error).message });
    }
    if (transport) results.push(...(await checkApi(config, transport, now)));
    results.push(checkEnrolment(config));
  }
  const failed = results.filter((r) => r.level === 'FAIL').length;
  if (options.json) io.out.write(`${JSON.stringify({ ok: failed === 0, checks: results }, null, 2)}\n`);
  else {
    for (const r of results) io.out.write(`${r.level.padEnd(4)}  ${r.check}: ${r.detail}\n`);
    io.out.write(failed === 0 ? 'no problems found\n' : `${failed} problem(s) found\n`);
  }
  return failed === 0 ? 0 : 1;
}
