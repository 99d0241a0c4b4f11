import { readFileSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentInventory } from '@aura/core';
import * as ort from 'onnxruntime-node';
import pkg from '../../package.json' with { type: 'json' };
import type { AgentConfig } from '../config/agent-config.js';
import type { AuraModel } from '../model/load-aura-model.js';

/** The agent's own version (package.json). */
export const AGENT_VERSION: string = pkg.version;

export interface BlockDevice {
  /** kernel name of the whole disk, e.g. `mmcblk0`, `nvme0n1`, `sda` */
  name: string;
  /** the device's model string (sysfs `device/model`, or `device/name` for eMMC/SD), when exposed */
  model?: string;
  capacityBytes?: number;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The disk holding `file` (the agent's state directory), from sysfs: its name, model and size.
 * Undefined when it is not a block device (tmpfs, overlay) or sysfs is not readable.
 */
export function blockDeviceOf(file: string, sysfs = '/sys'): BlockDevice | undefined {
  let dev: number;
  try {
    dev = statSync(file).dev;
  } catch {
    return undefined;
  }
  // Linux dev_t: major in bits 8-19 (and 32+), minor in bits 0-7 and 20-31
  const major = Math.floor(dev / 256) & 0xfff;
  const minor = (dev & 0xff) | (Math.floor(dev / 4096) & 0xfff00);
  if (major === 0) return undefined;
  let dir: string;
  try {
    dir = realpathSync(path.join(sysfs, 'dev/block', `${major}:${minor}`));
  } catch {
    return undefined;
  }
  if (read(path.join(dir, 'partition')) !== undefined) dir = path.dirname(dir);
  const sectors = Number(read(path.join(dir, 'size')));
  const model = read(path.join(dir, 'device/model')) ?? read(path.join(dir, 'device/name'));
  return {
    name: path.basename(dir),
    ...(model ? { model } : {}),
    ...(Number.isFinite(sectors) && sectors > 0 ? { capacityBytes: sectors * 512 } : {}),
  };
}

function distro(): string | undefined {
  const text = read('/etc/os-release');
  const m = text ? /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text) : null;
  return m?.[1] || undefined;
}

/**
 * What the robot runs (reported to the API, shown by `aura-agent status`): agent, model,
 * onnxruntime, OS and architecture, and the flash device holding the state directory with the
 * rated endurance the configuration gives it.
 */
export function collectInventory(config: AgentConfig, model: AuraModel): AgentInventory {
  const disk = blockDeviceOf(config.stateDir);
  const release = os.release();
  const d = distro();
  return {
    agentVersion: AGENT_VERSION,
    model: {
      ...(model.metadata['aura.version'] ? { name: model.metadata['aura.version'].slice(0, 200) } : {}),
      sha256: model.sha256,
      executionProviders: model.executionProviders.slice(0, 10),
    },
    onnxruntimeVersion: ort.env.versions.common ?? 'unknown',
    nodeVersion: process.versions.node,
    os: {
      platform: process.platform,
      release: release.slice(0, 200),
      arch: process.arch,
      ...(d ? { distro: d.slice(0, 200) } : {}),
    },
    flash: {
      ...(disk ? { device: disk.name.slice(0, 200) } : {}),
      ...(disk?.model ? { model: disk.model.slice(0, 200) } : {}),
      kind: config.device.kind,
      capacityBytes: disk?.capacityBytes ?? config.device.capacityBytes,
      ratedPeCycles: config.device.ratedPeCycles,
      ...(config.device.tbwBytes !== undefined ? { tbwBytes: config.device.tbwBytes } : {}),
    },
  };
}
