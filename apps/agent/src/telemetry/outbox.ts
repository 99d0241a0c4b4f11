import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
} from 'node:fs';
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
 * `{ackedSeq, droppedThroughSeq, dropped, quarantined, corrupt, lastSeq}`. Bounded: when more than
 * `maxRecords` are pending, the oldest are dropped and counted. Records the API refuses for good are
 * moved to a quarantine file (`quarantine.ndjson`) and counted. At open, a corrupt entry in the
 * middle of the log is skipped (only that entry, counted) and a torn tail is cut off.
 */
export interface OutboxOptions {
  dir: string;
  /** most records kept pending (not yet acknowledged); the oldest beyond it are dropped */
  maxRecords: number;
  pageBytes?: number;
  /** most bytes the quarantine file may hold; refused records beyond it are dropped (counted) */
  quarantineMaxBytes?: number;
}

interface Cursor {
  /** every record with seq ≤ ackedSeq was acknowledged by the API */
  ackedSeq: number;
  /** every record with seq ≤ droppedThroughSeq was given up (bounds, or quarantined after a refusal) */
  droppedThroughSeq: number;
  /** records dropped (outbox bound, or quarantine full), ever */
  dropped: number;
  /** records the API refused for good, kept in the quarantine file, ever */
  quarantined?: number;
  /** log entries found corrupt at open and skipped (records lost), ever */
  corrupt?: number;
  /** highest seq ever assigned */
  lastSeq: number;
  /** write counters just before this cursor file was written, and the log size then */
  bytesBefore?: number;
  flashBytesBefore?: number;
  logBytes?: number;
}

const LOG = 'outbox.log';
const CURSOR = 'outbox.cursor.json';
export const QUARANTINE_FILE = 'quarantine.ndjson';
/** no record comes near this; a larger length field is garbage */
const MAX_ENTRY_BYTES = 64 * 1024;
const OPEN_BRACE = 0x7b;

/** One log entry found corrupt at open. */
export interface CorruptRegion {
  /** byte offset and length of the skipped bytes */
  offset: number;
  bytes: number;
  /** records lost with it (from the seq gap around it) */
  records: number;
}

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
  /** corrupt entries skipped at open (the records after them were kept) */
  readonly corruptRegions: CorruptRegion[];
  readonly quarantineFile: string;

  constructor(private readonly options: OutboxOptions) {
    if (!(options.maxRecords >= 1)) throw new RangeError('maxRecords must be ≥ 1');
    mkdirSync(options.dir, { recursive: true });
    this.counter = new WriteCounter(options.pageBytes ?? 4096);
    this.logFile = path.join(options.dir, LOG);
    this.cursorFile = path.join(options.dir, CURSOR);
    this.quarantineFile = path.join(options.dir, QUARANTINE_FILE);
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
    let tail = 0;
    const corrupt: CorruptRegion[] = [];
    if (existsSync(this.logFile)) {
      const buf = new Uint8Array(readFileSync(this.logFile));
      let off = 0;
      let lastGoodSeq = 0;
      while (off < buf.length) {
        let entry = decodeEntry(buf, off);
        let at = off;
        if (!entry) {
          // a corrupt entry, or a torn tail: look for the next good entry after it
          const next = findNextEntry(buf, off, lastGoodSeq);
          if (!next) break; // nothing valid follows: a torn (or corrupt) tail, cut off below
          entry = next.entry;
          at = next.offset;
          const lostFrom = Math.max(lastGoodSeq, this.floor());
          corrupt.push({
            offset: off,
            bytes: at - off,
            records: Math.max(0, entry.record.seq - lostFrom - 1),
          });
        }
        off = at + entry.length;
        lastGoodSeq = entry.record.seq;
        if (entry.record.seq > this.floor()) this.records.push(entry.record);
        else this.deadInLog++;
        this.cursor.lastSeq = Math.max(this.cursor.lastSeq, entry.record.seq);
      }
      tail = buf.length - off;
      this.offset = off;
    }
    this.droppedTailBytes = tail;
    this.corruptRegions = corrupt;
    this.fd = openSync(this.logFile, existsSync(this.logFile) ? 'r+' : 'w+');
    if (tail > 0) {
      ftruncateSync(this.fd, this.offset);
      fsyncSync(this.fd);
    }
    if (corrupt.length > 0) {
      // count the lost records once and rewrite the log without the corrupt bytes
      this.cursor.corrupt = (this.cursor.corrupt ?? 0) + corrupt.reduce((s, c) => s + c.records, 0);
      this.compact();
      this.saveCursor();
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

  /** records dropped: outbox bound exceeded, or refused by the API with the quarantine file full */
  get dropped(): number {
    return this.cursor.dropped;
  }

  /** records the API refused for good, kept aside in {@link quarantineFile} */
  get quarantined(): number {
    return this.cursor.quarantined ?? 0;
  }

  /** records lost to corrupt log entries (found and skipped at open) */
  get corrupt(): number {
    return this.cursor.corrupt ?? 0;
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

  /**
   * Moves the oldest pending records, through `seq`, to the quarantine file (one NDJSON line:
   * `{quarantinedAt, reason, records}`, fsynced) and counts them; the API refused them for good
   * (400/413), so they are kept aside instead of being resent forever or thrown away. When the
   * file would grow beyond `quarantineMaxBytes` they are dropped and counted as dropped instead.
   */
  quarantineThrough(seq: number, reason: string, now = new Date()): { quarantined: number; dropped: number } {
    const refused = this.records.filter((r) => r.seq <= seq);
    if (refused.length === 0) return { quarantined: 0, dropped: 0 };
    const line = Buffer.from(
      `${JSON.stringify({ quarantinedAt: now.toISOString(), reason: reason.slice(0, 2000), records: refused })}\n`,
    );
    const size = existsSync(this.quarantineFile) ? statSync(this.quarantineFile).size : 0;
    const max = this.options.quarantineMaxBytes ?? 16 * 1024 * 1024;
    let result: { quarantined: number; dropped: number };
    if (size + line.length <= max) {
      const fd = openSync(this.quarantineFile, 'a', 0o600);
      try {
        appendDurable(fd, size, line, this.counter);
      } finally {
        closeSync(fd);
      }
      this.cursor.quarantined = (this.cursor.quarantined ?? 0) + refused.length;
      result = { quarantined: refused.length, dropped: 0 };
    } else {
      this.cursor.dropped += refused.length;
      result = { quarantined: 0, dropped: refused.length };
    }
    this.cursor.droppedThroughSeq = Math.max(this.cursor.droppedThroughSeq, seq);
    this.forget();
    return result;
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

interface Entry {
  record: TelemetryRecord;
  length: number;
}

function decodeEntry(buf: Uint8Array, off: number): Entry | undefined {
  if (off + 8 > buf.length) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const len = dv.getUint32(off, true);
  if (len > MAX_ENTRY_BYTES || off + 8 + len > buf.length || buf[off + 8] !== OPEN_BRACE) return undefined;
  const json = buf.subarray(off + 8, off + 8 + len);
  if (crc32(json) !== dv.getUint32(off + 4, true)) return undefined;
  try {
    const parsed = TelemetryRecordSchema.safeParse(JSON.parse(Buffer.from(json).toString('utf8')));
    return parsed.success ? { record: parsed.data as TelemetryRecord, length: 8 + len } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The next good entry after a bad one at `off`: first where the bad entry's own length field
 * points (a damaged payload), else the first offset holding a whole entry with a good CRC, a record
 * and a seq above `afterSeq` (a damaged length field). Undefined when none follows: a torn tail.
 */
function findNextEntry(
  buf: Uint8Array,
  off: number,
  afterSeq: number,
): { entry: Entry; offset: number } | undefined {
  const ok = (at: number) => {
    const e = decodeEntry(buf, at);
    return e && e.record.seq > afterSeq ? e : undefined;
  };
  if (off + 8 <= buf.length) {
    const len = new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getUint32(off, true);
    const at = off + 8 + len;
    const e = len <= MAX_ENTRY_BYTES ? ok(at) : undefined;
    if (e) return { entry: e, offset: at };
  }
  for (let at = off + 1; at + 8 < buf.length; at++) {
    if (buf[at + 8] !== OPEN_BRACE) continue;
    const e = ok(at);
    if (e) return { entry: e, offset: at };
  }
  return undefined;
}
