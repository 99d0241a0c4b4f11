import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { pagesTouched } from '@aura/core';

/**
 * Every byte the agent writes to its state directory goes through a {@link WriteCounter}, so the
 * counted bytes can be checked against the files on disk (see the kill -9 tests).
 */
export class WriteCounter {
  /** bytes passed to write(2): file headers, checksums and temp files included */
  bytesWritten = 0;
  /** the same writes rounded up to the flash pages each flush programs (feeds the wear estimate) */
  flashBytes = 0;
  constructor(readonly pageBytes = 4096) {}

  /** a write of `length` bytes at `offset`, flushed on its own */
  add(offset: number, length: number): void {
    this.bytesWritten += length;
    this.flashBytes += pagesTouched(offset, length, this.pageBytes) * this.pageBytes;
  }
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  }
}

/** Appends `bytes` at `offset` of an open file and fsyncs it; counts the bytes. */
export function appendDurable(fd: number, offset: number, bytes: Uint8Array, counter: WriteCounter): void {
  writeAll(fd, bytes, offset);
  counter.add(offset, bytes.length);
  fsyncSync(fd);
}

export interface AtomicWriteOptions {
  /** keep the replaced file as a hard link under this name (audit/debug) */
  keepPreviousAs?: string;
  /** file mode of the new file (e.g. 0o600 for secrets); default 0o644 less the umask */
  mode?: number;
}

/**
 * Crash-safe replace: write `<file>.tmp`, fsync, rename over `file`, fsync the directory. A crash
 * leaves either the old or the new file, never a mix; a leftover `.tmp` is harmless.
 */
export function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  counter: WriteCounter,
  options: AtomicWriteOptions = {},
): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', options.mode ?? 0o644);
  try {
    if (options.mode !== undefined) fchmodSync(fd, options.mode);
    writeAll(fd, bytes, 0);
    counter.add(0, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (options.keepPreviousAs && existsSync(file)) linkSync(file, options.keepPreviousAs);
  renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Size of a leftover temp file from an interrupted atomic write (its bytes were written); removes it. */
export function reclaimTempFile(file: string): number {
  const tmp = `${file}.tmp`;
  if (!existsSync(tmp)) return 0;
  const size = statSync(tmp).size;
  unlinkSync(tmp);
  return size;
}
