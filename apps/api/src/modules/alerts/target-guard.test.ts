import { describe, expect, it } from 'vitest';
import { parseCidrList } from '../../config/setting-formats.js';
import { TargetGuard } from './target-guard.js';

const guard = (allowed = '') => new TargetGuard({ alerts: { allowedTargets: parseCidrList(allowed) } });

describe('TargetGuard (SSRF)', () => {
  it('refuses loopback, link-local, private and unspecified addresses, v4 and v6', async () => {
    for (const url of [
      'http://127.0.0.1:4000/metrics',
      'http://127.1.2.3/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/',
      'http://192.168.0.10/',
      'http://172.20.0.1/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:4000/',
    ]) {
      expect(await guard().check(url), url).toMatch(/loopback, link-local or private/);
    }
  });

  it('lets public addresses through, and what ALERTS_ALLOWED_TARGETS lists', async () => {
    expect(await guard().check('https://93.184.215.14/hook')).toBeUndefined();
    expect(await guard('127.0.0.0/8').check('http://127.0.0.1:9999/hook')).toBeUndefined();
    expect(await guard('127.0.0.1/32').check('http://127.0.0.2/')).toMatch(/127\.0\.0\.2/);
  });

  it('checks what a name resolves to', async () => {
    expect(await guard().check('http://localhost.localdomain.invalid/')).toMatch(/does not resolve/);
  });

  it('refuses at connect time through lookup', async () => {
    const error = await new Promise((resolve) => guard().lookup('localhost', {}, (e) => resolve(e)));
    expect(String(error)).toMatch(/loopback/);
  });
});
