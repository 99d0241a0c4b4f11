import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type EnrollResponse, EnrollResponseSchema } from '@aura/core';
import { reclaimTempFile, WriteCounter, writeFileAtomic } from '../persistence/durable-file.js';

export interface StoredCredential extends EnrollResponse {
  /** the API this robot enrolled with */
  apiUrl: string;
  enrolledAt: string;
}

/**
 * The robot's credential from enrolment (`robotId`, `robotSecret`, config keys) in
 * `<dir>/credential.json`, readable only by the agent's user (mode 0600, atomic replace). A file
 * found with wider permissions is tightened back to 0600 at load.
 */
export class CredentialStore {
  readonly counter = new WriteCounter();
  readonly file: string;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'credential.json');
    reclaimTempFile(this.file);
  }

  load(): StoredCredential | undefined {
    if (!existsSync(this.file)) return undefined;
    if ((statSync(this.file).mode & 0o077) !== 0) chmodSync(this.file, 0o600);
    const raw = JSON.parse(readFileSync(this.file, 'utf8')) as StoredCredential;
    const { apiUrl, enrolledAt, ...response } = raw;
    const parsed = EnrollResponseSchema.safeParse(response);
    if (!parsed.success || typeof apiUrl !== 'string' || typeof enrolledAt !== 'string') {
      throw new Error(`credential file ${this.file} is not valid; remove it to enrol again`);
    }
    return { ...parsed.data, apiUrl, enrolledAt };
  }

  save(response: EnrollResponse, apiUrl: string, now = new Date()): StoredCredential {
    const credential: StoredCredential = {
      ...EnrollResponseSchema.parse(response),
      apiUrl,
      enrolledAt: now.toISOString(),
    };
    writeFileAtomic(this.file, Buffer.from(`${JSON.stringify(credential, null, 2)}\n`), this.counter, {
      mode: 0o600,
    });
    return credential;
  }
}
