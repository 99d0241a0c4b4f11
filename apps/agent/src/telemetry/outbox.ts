import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { type TelemetryRecord, TelemetryRecordSchema } from '@aura/core';
import {
  appendDurable,
  reclaimTempFile,
  WriteCounter,
  writeFileAtomic,
} from '../persistence/durable-file.js';

/**
 * Durable telemetry outbox (docs/agent.md "Outbox"): an append-only file of checksummed records
 * (`u32 length · u32 CRC-32 · JSON`), fsynced on append, plus an atomically replaced cursor file
 * `{ackedSeq, droppedThroughSeq, dropped, lastSeq}`. Bounded: when more than `maxRecords` are
 * pending, the oldest are dropped and counted. A torn tail is dropped at open.
 */
export interface OutboxOptions {
  dir: string;
  /** most records kept pending (not yet acknowledged); the oldest beyond it are dropped */
  maxRecords: number;
  pageBytes?: number;
}

interface Cursor {
  /** every record with seq ≤ ackedSeq was acknowledged by the API */
  ackedSeq: number;
  /** every record with seq ≤ droppedThroughSeq was dropped (bounds or a permanent rejection) */
  droppedThroughSeq: number;
  /** records dropped, ever */
  dropped: number;
  /** highest seq ever assigned */
  lastSeq: number;
  /** write counters just before this cursor file was written, and the log size then */
  bytesBefore?: number;
  flashBytesBefore?: number;
  logBytes?: number;
}

const LOG = 'outbox.log';
const CURSOR = 'outbox.cursor.json';

export class Outbox {
  readonly counter: WriteCounter;
  private readonly logFile: string;
  private readonly cursorFile: string;
  private cursor: Cursor;
  private records: TelemetryRecord[] = [];
  private fd: number;
  private offset = 0;
  private deadInLog = 0;
  /** bytes of a torn tail dropped at open */
  readonly droppedTailBytes: number;

  constructor(private readonly options: OutboxOptions) {
    if (!(options.maxRecords >= 1)) throw new RangeError('maxRecords must be ≥ 1');
    mkdirSync(options.dir, { recursive: true });
    this.counter = new WriteCounter(options.pageBytes ?? 4096);
    this.logFile = path.join(options.dir, LOG);
    this.cursorFile = path.join(options.dir, CURSOR);
    const tempBytes = reclaimTempFile(this.cursorFile) + reclaimTempFile(this.logFile);
    const cursorText = existsSync(this.cursorFile) ? readFileSync(this.cursorFile) : undefined;
    this.cursor = cursorText
      ? (JSON.parse(cursorText.toString('utf8')) as Cursor)
      : { ackedSeq: 0, droppedThroughSeq: 0, dropped: 0, lastSeq: 0 };
    // rebuild the byte counters: as of the cursor file, plus the log's growth since, plus temp files
    const logSize = existsSync(this.logFile) ? readFileSync(this.logFile).length : 0;
    const grown = Math.max(0, logSize - (this.cursor.logBytes ?? 0));
    const page = this.counter.pageBytes;
    this.counter.bytesWritten =
      (this.cursor.bytesBefore ?? 0) + (cursorText?.length ?? 0) + grown + tempBytes;
    this.counter.flashBytes =
      (this.cursor.flashBytesBefore ?? 0) +
      Math.ceil((cursorText?.length ?? 0) / page) * page +
      Math.ceil(grown / page) * page +
      Math.ceil(tempBytes / page) * page;
    let dropped = 0;
    if (existsSync(this.logFile)) {
      const buf = new Uint8Array(readFileSync(this.logFile));
      let off = 0;
      for (;;) {
        const entry = decodeEntry(buf, off);
        if (!entry) break;
        off += entry.length;
        if (entry.record.seq > this.floor()) this.records.push(entry.record);
        else this.deadInLog++;
        this.cursor.lastSeq = Math.max(this.cursor.lastSeq, entry.record.seq);
      }
      dropped = buf.length - off;
      this.offset = off;
    }
    this.droppedTailBytes = dropped;
    this.fd = openSync(this.logFile, existsSync(this.logFile) ? 'r+' : 'w+');
    if (dropped > 0) {
      ftruncateSync(this.fd, this.offset);
      fsyncSync(this.fd);
    }
  }

  private floor(): number {
    return Math.max(this.cursor.ackedSeq, this.cursor.droppedThroughSeq);
  }

  /** the seq the next appended record gets */
  get nextSeq(): number {
    return this.cursor.lastSeq + 1;
  }

  get depth(): number {
    return this.records.length;
  }

  get dropped(): number {
    return this.cursor.dropped;
  }

  get ackedSeq(): number {
    return this.cursor.ackedSeq;
  }

  get lastSeq(): number {
    return this.cursor.lastSeq;
  }

  /** Assigns the next seq, validates against the wire schema, appends durably; drops the oldest beyond the bound. */
  append(record: Omit<TelemetryRecord, 'seq'>): TelemetryRecord {
    const full = TelemetryRecordSchema.parse({ ...record, seq: this.nextSeq }) as TelemetryRecord;
    const bytes = encodeEntry(full);
    appendDurable(this.fd, this.offset, bytes, this.counter);
    this.offset += bytes.length;
    this.cursor.lastSeq = full.seq;
    this.records.push(full);
    if (this.records.length > this.options.maxRecords) {
      const over = this.records.length - this.options.maxRecords;
      const last = this.records[over - 1] as TelemetryRecord;
      this.dropThrough(last.seq);
    }
    return full;
  }

  /** the oldest pending records, at most `limit` */
  peek(limit: number): TelemetryRecord[] {
    return this.records.slice(0, limit);
  }

  /** the API holds every record with seq ≤ `seq` */
  ack(seq: number): void {
    if (seq <= this.cursor.ackedSeq) return;
    this.cursor.ackedSeq = seq;
    this.forget();
  }

  /** give up on every pending record with seq ≤ `seq` (bounds, or a batch the API refuses for good) */
  dropThrough(seq: number): number {
    const before = this.records.length;
    const n = this.records.filter((r) => r.seq <= seq).length;
    if (n === 0) return 0;
    this.cursor.dropped += n;
    this.cursor.droppedThroughSeq = Math.max(this.cursor.droppedThroughSeq, seq);
    this.forget();
    return before - this.records.length;
  }

  private forget(): void {
    const floor = this.floor();
    const keep = this.records.filter((r) => r.seq > floor);
    this.deadInLog += this.records.length - keep.length;
    this.records = keep;
    if (this.deadInLog >= Math.max(64, this.records.length)) this.compact();
    this.saveCursor();
  }

  private saveCursor(): void {
    this.cursor.bytesBefore = this.counter.bytesWritten;
    this.cursor.flashBytesBefore = this.counter.flashBytes;
    this.cursor.logBytes = this.offset;
    writeFileAtomic(this.cursorFile, Buffer.from(JSON.stringify(this.cursor)), this.counter);
  }

  /** rewrite the log with only the pending records (atomic replace) */
  private compact(): void {
    const parts = this.records.map(encodeEntry);
    const total = parts.reduce((s, p) => s + p.length, 0);
    const buf = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      buf.set(p, off);
      off += p.length;
    }
    closeSync(this.fd);
    writeFileAtomic(this.logFile, buf, this.counter);
    this.fd = openSync(this.logFile, 'r+');
    this.offset = total;
    this.deadInLog = 0;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function encodeEntry(record: TelemetryRecord): Uint8Array {
  const json = Buffer.from(JSON.stringify(record));
  const buf = new Uint8Array(8 + json.length);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, json.length, true);
  dv.setUint32(4, crc32(json), true);
  buf.set(json, 8);
  return buf;
}

function decodeEntry(buf: Uint8Array, off: number): { record: TelemetryRecord; length: number } | undefined {
  if (off + 8 > buf.length) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = dv.getUint32(off, true);
  if (off + 8 + len > buf.length) return undefined;
  const json = buf.subarray(off + 8, off + 8 + len);
  if (crc32(json) !== dv.getUint32(off + 4, true)) return undefined;
  try {
    const parsed = TelemetryRecordSchema.safeParse(JSON.parse(Buffer.from(json).toString('utf8')));
    return parsed.success ? { record: parsed.data as TelemetryRecord, length: 8 + len } : undefined;
  } catch {
    return undefined;
  }
}
