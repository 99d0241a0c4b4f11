import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';
import { type PersistMode, roundUpToPages } from '@aura/core';
import { appendDurable, fsyncDir, reclaimTempFile, WriteCounter, writeFileAtomic } from './durable-file.js';
import {
  applyRecord,
  CorruptStateError,
  type Dims,
  decodeLogHeader,
  decodeRecord,
  decodeSnapshot,
  encodeLogHeader,
  encodeRecord,
  encodeSnapshot,
  factorRankOne,
  LOG_HEADER_BYTES,
  type LogRecord,
  RECORD_FULL,
  RECORD_RANK1,
  snapshotBytes,
} from './state-format.js';

export interface PersistedState {
  W: Float32Array;
  b: Float32Array;
  /** step count when this state was reached */
  steps: number;
  /** state updates persisted so far (memory writes, plus episode-end resets when enabled): the sequence */
  writes: number;
}

export interface RecoveryReport {
  /** delta-log records replayed on top of the snapshot */
  replayedRecords: number;
  /** bytes of a torn or corrupt log tail dropped at start */
  droppedTailBytes: number;
  /** bytes of a leftover temp file from an interrupted snapshot, counted and removed */
  reclaimedTempBytes: number;
}

export interface StateStoreStats {
  mode: PersistMode;
  /** every byte passed to write(2) since the state directory was created (survives restarts) */
  bytesWritten: number;
  /** the same writes rounded up to flash pages per flush: the host bytes the wear model uses */
  flashBytes: number;
  snapshots: number;
  records: number;
  /** delta-log records that had to carry the full state (rank-1 residual too large) */
  fullRecords: number;
}

export interface StateStore {
  readonly mode: PersistMode;
  /** the state loaded at open (zeros for a fresh directory) */
  readonly initial: PersistedState;
  readonly recovery: RecoveryReport;
  /** persist the state after a memory write; returns when it is durable */
  persist(state: PersistedState): void;
  stats(): StateStoreStats;
  close(): void;
}

export interface StateStoreOptions {
  mode: PersistMode;
  dir: string;
  dims: Dims;
  /** delta-log: write a snapshot and start a new log every this many writes (default 64) */
  checkpointEvery?: number;
  pageBytes?: number;
  /**
   * Audit mode: keep every replaced snapshot and rotated log (as hard links / renamed files) so the
   * sum of file sizes in the directory equals the counted bytes. For tests and investigations.
   */
  keepHistory?: boolean;
  /** delta-log: largest replay error accepted for a rank-1 record before a full record is written */
  replayTolerance?: number;
}

const SNAPSHOT_FILE = 'state.snap';
const LOG_FILE = 'state.log';

/** Opens (and recovers) the state store of `dir` for the given mode. */
export function openStateStore(options: StateStoreOptions): StateStore {
  mkdirSync(options.dir, { recursive: true });
  if (options.mode === 'none') return new NoneStore(options.dims);
  if (options.mode === 'snapshot') {
    if (existsSync(path.join(options.dir, LOG_FILE))) return migrateDeltaLogToSnapshot(options);
    return new SnapshotStore(options);
  }
  // a snapshot directory is a delta-log directory without a log: nothing to migrate
  return new DeltaLogStore(options);
}

/**
 * Switching from delta-log to snapshot (e.g. a config's `persistMode`, applied at start): recover
 * snapshot + log, write the recovered state as a snapshot, then remove the log. A crash in between
 * leaves a log the snapshot already covers, which delta-log recovery skips.
 */
function migrateDeltaLogToSnapshot(options: StateStoreOptions): StateStore {
  const old = new DeltaLogStore({ ...options, mode: 'delta-log' });
  const recovered = old.initial;
  const counters = old.stats();
  old.close();
  const store = new SnapshotStore(options);
  store.adoptCounters(counters);
  if (recovered.writes > store.initial.writes || recovered.steps > store.initial.steps) {
    store.persist(recovered);
    store.initial = recovered;
  }
  const log = path.join(options.dir, LOG_FILE);
  if (options.keepHistory) renameSync(log, `${log}.${Date.now()}.migrated`);
  else unlinkSync(log);
  fsyncDir(options.dir);
  return store;
}

function zeroState(dims: Dims): PersistedState {
  return { W: new Float32Array(dims.dKey * dims.dVal), b: new Float32Array(dims.dVal), steps: 0, writes: 0 };
}

class NoneStore implements StateStore {
  readonly mode = 'none' as const;
  readonly initial: PersistedState;
  readonly recovery: RecoveryReport = { replayedRecords: 0, droppedTailBytes: 0, reclaimedTempBytes: 0 };
  constructor(dims: Dims) {
    this.initial = zeroState(dims);
  }
  persist(): void {}
  stats(): StateStoreStats {
    return { mode: 'none', bytesWritten: 0, flashBytes: 0, snapshots: 0, records: 0, fullRecords: 0 };
  }
  close(): void {}
}

interface LoadedSnapshot {
  state: PersistedState;
  bytesAfter: number;
  flashAfter: number;
}

function loadSnapshot(file: string, dims: Dims, pageBytes: number): LoadedSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const s = decodeSnapshot(dims, new Uint8Array(readFileSync(file)), file);
  const size = snapshotBytes(dims);
  return {
    state: { W: s.W, b: s.b, steps: s.steps, writes: s.writes },
    bytesAfter: s.bytesBefore + size,
    flashAfter: s.flashBytesBefore + roundUpToPages(size, pageBytes),
  };
}

class SnapshotStore implements StateStore {
  readonly mode: PersistMode = 'snapshot';
  initial: PersistedState;
  recovery: RecoveryReport;
  protected readonly counter: WriteCounter;
  protected readonly file: string;
  protected snapshots = 0;
  protected lastSnapshotWrites: number;

  constructor(protected readonly options: StateStoreOptions) {
    this.counter = new WriteCounter(options.pageBytes ?? 4096);
    this.file = path.join(options.dir, SNAPSHOT_FILE);
    const tempBytes = reclaimTempFile(this.file);
    const loaded = loadSnapshot(this.file, options.dims, this.counter.pageBytes);
    this.counter.bytesWritten = (loaded?.bytesAfter ?? 0) + tempBytes;
    this.counter.flashBytes = (loaded?.flashAfter ?? 0) + roundUpToPages(tempBytes, this.counter.pageBytes);
    this.initial = loaded?.state ?? zeroState(options.dims);
    this.lastSnapshotWrites = this.initial.writes;
    this.recovery = { replayedRecords: 0, droppedTailBytes: 0, reclaimedTempBytes: tempBytes };
  }

  /** continue counting from another store's totals (mode migration) */
  adoptCounters(stats: StateStoreStats): void {
    this.counter.bytesWritten = Math.max(this.counter.bytesWritten, stats.bytesWritten);
    this.counter.flashBytes = Math.max(this.counter.flashBytes, stats.flashBytes);
  }

  protected writeSnapshot(state: PersistedState): void {
    const bytes = encodeSnapshot(this.options.dims, {
      ...state,
      bytesBefore: this.counter.bytesWritten,
      flashBytesBefore: this.counter.flashBytes,
    });
    const keepPreviousAs = this.options.keepHistory ? `${this.file}.${this.lastSnapshotWrites}` : undefined;
    writeFileAtomic(this.file, bytes, this.counter, { keepPreviousAs });
    this.snapshots++;
    this.lastSnapshotWrites = state.writes;
  }

  persist(state: PersistedState): void {
    this.writeSnapshot(state);
  }

  stats(): StateStoreStats {
    return {
      mode: this.mode,
      bytesWritten: this.counter.bytesWritten,
      flashBytes: this.counter.flashBytes,
      snapshots: this.snapshots,
      records: 0,
      fullRecords: 0,
    };
  }

  close(): void {}
}

class DeltaLogStore extends SnapshotStore {
  override readonly mode: PersistMode = 'delta-log';
  private readonly logFile: string;
  private fd = -1;
  private logOffset = 0;
  private readonly checkpointEvery: number;
  private readonly tolerance: number;
  /** the state a replay of snapshot + log produces (the writer mirrors the replay arithmetic) */
  private readonly shadowW: Float32Array;
  private readonly shadowB: Float32Array;
  private sinceCheckpoint = 0;
  private records = 0;
  private fullRecords = 0;

  constructor(options: StateStoreOptions) {
    super(options);
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 64);
    this.tolerance = options.replayTolerance ?? 5e-7;
    this.logFile = path.join(options.dir, LOG_FILE);
    const base = this.initial;
    const state: PersistedState = {
      W: base.W.slice(),
      b: base.b.slice(),
      steps: base.steps,
      writes: base.writes,
    };
    let replayed = 0;
    let dropped = 0;
    let keepLog = false;
    if (existsSync(this.logFile)) {
      const buf = new Uint8Array(readFileSync(this.logFile));
      const logBase = decodeLogHeader(options.dims, buf);
      if (logBase === undefined || logBase === base.writes) {
        // a torn header or the current generation: these bytes were written after the snapshot
        this.counter.bytesWritten += buf.length;
        this.counter.flashBytes += this.replayFlashBytes(buf);
      }
      if (logBase === base.writes) {
        let off = LOG_HEADER_BYTES;
        for (;;) {
          const next = decodeRecord(options.dims, buf, off);
          if (!next || next.record.writes !== state.writes + 1) break;
          applyRecord(options.dims, next.record, state.W, state.b);
          state.steps = next.record.steps;
          state.writes = next.record.writes;
          off += next.length;
          replayed++;
        }
        dropped = buf.length - off;
        this.logOffset = off;
        this.sinceCheckpoint = replayed;
        keepLog = true;
      }
    }
    if (keepLog) {
      this.fd = openSync(this.logFile, 'r+');
      if (dropped > 0) {
        // drop the torn tail so new records follow the last good one
        ftruncateSync(this.fd, this.logOffset);
        fsyncSync(this.fd);
      }
    } else {
      this.startLog(state.writes);
    }
    this.initial = state;
    this.shadowW = state.W.slice();
    this.shadowB = state.b.slice();
    this.recovery = { ...this.recovery, replayedRecords: replayed, droppedTailBytes: dropped };
  }

  /** flash bytes the log's appends programmed: header and each record flushed on its own */
  private replayFlashBytes(buf: Uint8Array): number {
    const page = this.counter.pageBytes;
    const pages = (off: number, len: number) =>
      len <= 0 ? 0 : Math.floor((off + len - 1) / page) - Math.floor(off / page) + 1;
    if (buf.length < LOG_HEADER_BYTES) return pages(0, buf.length) * page;
    let total = pages(0, LOG_HEADER_BYTES) * page;
    let off = LOG_HEADER_BYTES;
    for (;;) {
      const next = decodeRecord(this.options.dims, buf, off);
      if (!next) break;
      total += pages(off, next.length) * page;
      off += next.length;
    }
    return total + pages(off, buf.length - off) * page;
  }

  /** start a fresh log continuing the snapshot with `baseWrites` writes; the old log goes away */
  private startLog(baseWrites: number): void {
    if (this.fd >= 0) closeSync(this.fd);
    if (existsSync(this.logFile)) {
      if (this.options.keepHistory) renameSync(this.logFile, `${this.logFile}.${Date.now()}.${baseWrites}`);
      else unlinkSync(this.logFile);
    }
    this.fd = openSync(this.logFile, 'w+');
    appendDurable(this.fd, 0, encodeLogHeader(this.options.dims, baseWrites), this.counter);
    fsyncDir(this.options.dir);
    this.logOffset = LOG_HEADER_BYTES;
    this.sinceCheckpoint = 0;
  }

  override persist(state: PersistedState): void {
    if (this.sinceCheckpoint + 1 >= this.checkpointEvery) {
      this.writeSnapshot(state);
      this.startLog(state.writes);
      this.shadowW.set(state.W);
      this.shadowB.set(state.b);
      return;
    }
    const dims = this.options.dims;
    let record: LogRecord = {
      kind: RECORD_RANK1,
      steps: state.steps,
      writes: state.writes,
      values: factorRankOne(dims, this.shadowW, this.shadowB, state.W, state.b),
    };
    const W = this.shadowW.slice();
    const b = this.shadowB.slice();
    applyRecord(dims, record, W, b);
    if (maxAbsDiff(W, state.W) > this.tolerance || maxAbsDiff(b, state.b) > this.tolerance) {
      const values = new Float32Array(W.length + b.length);
      values.set(state.W);
      values.set(state.b, W.length);
      record = { kind: RECORD_FULL, steps: state.steps, writes: state.writes, values };
      W.set(state.W);
      b.set(state.b);
      this.fullRecords++;
    }
    const bytes = encodeRecord(record);
    appendDurable(this.fd, this.logOffset, bytes, this.counter);
    this.logOffset += bytes.length;
    this.sinceCheckpoint++;
    this.records++;
    this.shadowW.set(W);
    this.shadowB.set(b);
  }

  override stats(): StateStoreStats {
    return { ...super.stats(), records: this.records, fullRecords: this.fullRecords };
  }

  override close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

export { CorruptStateError };
