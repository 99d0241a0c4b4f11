import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeviceProfileSchema, DeviceWearSchema } from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readAllDeviceWear,
  readDeviceWear,
  readEmmcLifeTime,
  readEmmcPreEol,
  readNvmeDataUnitsWritten,
  readNvmePercentageUsed,
} from './read-device-wear.js';

const root = mkdtempSync(path.join(tmpdir(), 'aura-sysfs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const profile = DeviceProfileSchema.parse({ capacityBytes: 1_000_000_000, ratedPeCycles: 1000 });

function emmc(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name, 'sys/block/mmcblk0/device');
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('eMMC', () => {
  it('reads life_time as the upper bound of the more worn area', () => {
    const dir = emmc('a', { life_time: '0x02 0x04\n', pre_eol_info: '0x01\n' });
    expect(readEmmcLifeTime(dir)).toEqual({ source: 'emmc.life_time_b', value: 0.4 });
    expect(readEmmcPreEol(dir)).toEqual({ source: 'emmc.pre_eol_info', value: 0 });
    expect(readEmmcLifeTime(emmc('b', { life_time: '0x0B 0x01' }))).toEqual({
      source: 'emmc.life_time_a',
      value: 1.1,
    });
    expect(readEmmcPreEol(emmc('c', { pre_eol_info: '0x03' }))?.value).toBe(0.9);
  });

  it('treats absent, unreported and garbage values as no reading', () => {
    expect(readEmmcLifeTime(path.join(root, 'missing'))).toBeUndefined();
    expect(readEmmcLifeTime(emmc('d', { life_time: '0x00 0x00' }))).toBeUndefined();
    expect(readEmmcPreEol(emmc('e', { pre_eol_info: 'zz' }))).toBeUndefined();
  });
});

describe('NVMe SMART log', () => {
  it('reads percentage used and data units written from `nvme smart-log -o json`', () => {
    const file = path.join(root, 'smart.json');
    writeFileSync(file, JSON.stringify({ percent_used: 7, data_units_written: 195_312 }));
    expect(readNvmePercentageUsed(file)).toEqual({ source: 'nvme.percentage_used', value: 0.07 });
    // 195,312 × 512,000 B ≈ 1e11 host bytes of a 1e12/2 = 5e11 rating → 0.2
    expect(readNvmeDataUnitsWritten(file, profile)?.value).toBeCloseTo(0.19999949, 6);
  });

  it('reads the plain-text form and caps at 2.55', () => {
    const file = path.join(root, 'smart.txt');
    writeFileSync(
      file,
      'critical_warning : 0\npercentage_used : 300%\ndata_units_written : 1,000 (512 MB)\n',
    );
    expect(readNvmePercentageUsed(file)?.value).toBe(2.55);
    expect(readNvmeDataUnitsWritten(file, profile)?.value).toBeCloseTo(0.001024, 9);
  });

  it('prefers the device estimate, and every reading fits the wire schema', () => {
    const file = path.join(root, 'smart2.json');
    writeFileSync(file, JSON.stringify({ percent_used: 12, data_units_written: 5 }));
    const dir = emmc('f', { life_time: '0x01 0x01', pre_eol_info: '0x02' });
    const all = readAllDeviceWear({ nvmeSmartLogFile: file, emmcSysfsDir: dir }, profile);
    expect(all.map((r) => r.source)).toEqual([
      'nvme.percentage_used',
      'nvme.data_units_written',
      'emmc.life_time_a',
      'emmc.pre_eol_info',
    ]);
    for (const r of all) expect(DeviceWearSchema.safeParse(r).success).toBe(true);
    expect(readDeviceWear({ nvmeSmartLogFile: file, emmcSysfsDir: dir }, profile)?.source).toBe(
      'nvme.percentage_used',
    );
    expect(readDeviceWear({ emmcSysfsDir: dir }, profile)?.source).toBe('emmc.life_time_a');
    expect(readDeviceWear({ nvmeSmartLogFile: path.join(root, 'nope.json') }, profile)).toBeUndefined();
    expect(readDeviceWear({}, profile)).toBeUndefined();
  });
});
