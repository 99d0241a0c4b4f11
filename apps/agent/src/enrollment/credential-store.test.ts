import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialStore } from './credential-store.js';

const root = mkdtempSync(path.join(tmpdir(), 'aura-cred-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const response = {
  robotId: randomUUID(),
  robotSecret: 'rs_secret_value',
  configKeys: [{ keyId: 'k1', publicKey: 'MCowBQYDK2VwAyEA' }],
};

describe('CredentialStore', () => {
  it('keeps the credential in a file only the agent user can read, across restarts', () => {
    const dir = path.join(root, 'a');
    const store = new CredentialStore(dir);
    expect(store.load()).toBeUndefined();
    store.save(response, 'http://127.0.0.1:4000', new Date(0));
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(new CredentialStore(dir).load()).toEqual({
      ...response,
      apiUrl: 'http://127.0.0.1:4000',
      enrolledAt: '1970-01-01T00:00:00.000Z',
    });
    expect(JSON.parse(readFileSync(store.file, 'utf8')).robotSecret).toBe('rs_secret_value');
  });

  it('tightens a file left readable by others and refuses an invalid one', () => {
    const dir = path.join(root, 'b');
    const store = new CredentialStore(dir);
    store.save(response, 'http://x');
    chmodSync(store.file, 0o644);
    store.load();
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    writeFileSync(store.file, JSON.stringify({ robotId: 'nope' }));
    expect(() => store.load()).toThrow(/not valid; remove it to enrol again/);
  });
});
