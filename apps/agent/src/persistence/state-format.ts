import { crc32 } from 'node:zlib';

/**
 * On-disk formats of the AURA state (docs/agent.md "Persistence formats"). Little-endian throughout.
 *
 * Snapshot `state.snap`: 48-byte header, W (dKey·dVal float32), b (dVal float32), CRC-32 of all
 * preceding bytes.
 *   0 magic "AURS" · 4 u16 format version (1) · 6 u16 reserved · 8 u32 dKey · 12 u32 dVal ·
 *   16 f64 steps · 24 f64 writes · 32 f64 bytesBefore · 40 f64 flashBytesBefore
 * (`bytesBefore`/`flashBytesBefore`: the write counters before this file was written, so the agent
 * can rebuild its byte count after a crash.)
 *
 * Delta log `state.log`: 32-byte header then records.
 *   header: 0 magic "AURL" · 4 u16 version (1) · 6 u16 reserved · 8 u32 dKey · 12 u32 dVal ·
 *           16 f64 baseWrites (the snapshot's write count this log continues) · 24 u32 CRC-32 of 0..24 ·
 *           28 u32 reserved
 *   record: u32 payload length · u32 CRC-32 of payload · payload
 *   payload: u8 kind (1 rank-1 update, 2 full state) · 7 reserved · f64 steps · f64 writes ·
 *            kind 1: u (dKey), v (dVal), db (dVal) float32, applied as W += u·vᵀ, b += db
 *            kind 2: W, b float32
 */
export const SNAPSHOT_MAGIC = 0x53525541; // "AURS"
export const LOG_MAGIC = 0x4c525541; // "AURL"
export const FORMAT_VERSION = 1;
export const SNAPSHOT_HEADER_BYTES = 48;
export const LOG_HEADER_BYTES = 32;
export const RECORD_FRAME_BYTES = 8;
const PAYLOAD_HEADER_BYTES = 24;
export const RECORD_RANK1 = 1;
export const RECORD_FULL = 2;

export interface Dims {
  dKey: number;
  dVal: number;
}

export interface SnapshotContents {
  steps: number;
  writes: number;
  bytesBefore: number;
  flashBytesBefore: number;
  W: Float32Array;
  b: Float32Array;
}

export function snapshotBytes({ dKey, dVal }: Dims): number {
  return SNAPSHOT_HEADER_BYTES + (dKey * dVal + dVal) * 4 + 4;
}

export class CorruptStateError extends Error {
  readonly code = 'STATE_CORRUPT';
  constructor(message: string) {
    super(message);
    this.name = 'CorruptStateError';
  }
}

export function encodeSnapshot(dims: Dims, s: SnapshotContents): Uint8Array {
  const total = snapshotBytes(dims);
  const buf = new Uint8Array(total);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, SNAPSHOT_MAGIC, true);
  dv.setUint16(4, FORMAT_VERSION, true);
  dv.setUint32(8, dims.dKey, true);
  dv.setUint32(12, dims.dVal, true);
  dv.setFloat64(16, s.steps, true);
  dv.setFloat64(24, s.writes, true);
  dv.setFloat64(32, s.bytesBefore, true);
  dv.setFloat64(40, s.flashBytesBefore, true);
  let off = SNAPSHOT_HEADER_BYTES;
  for (const x of s.W) {
    dv.setFloat32(off, x, true);
    off += 4;
  }
  for (const x of s.b) {
    dv.setFloat32(off, x, true);
    off += 4;
  }
  dv.setUint32(off, crc32(buf.subarray(0, off)), true);
  return buf;
}

export function decodeSnapshot(dims: Dims, buf: Uint8Array, label: string): SnapshotContents {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const fail = (why: string) => new CorruptStateError(`snapshot ${label}: ${why}`);
  if (buf.length < SNAPSHOT_HEADER_BYTES + 4) throw fail(`too short (${buf.length} bytes)`);
  if (dv.getUint32(0, true) !== SNAPSHOT_MAGIC) throw fail('bad magic');
  if (dv.getUint16(4, true) !== FORMAT_VERSION)
    throw fail(`unsupported format version ${dv.getUint16(4, true)}`);
  const dKey = dv.getUint32(8, true);
  const dVal = dv.getUint32(12, true);
  if (dKey !== dims.dKey || dVal !== dims.dVal) {
    throw fail(`dims ${dKey}×${dVal} do not match the model's ${dims.dKey}×${dims.dVal}`);
  }
  if (buf.length !== snapshotBytes(dims)) throw fail(`length ${buf.length} ≠ ${snapshotBytes(dims)}`);
  const end = buf.length - 4;
  if (dv.getUint32(end, true) !== crc32(buf.subarray(0, end))) throw fail('checksum mismatch');
  const W = new Float32Array(dKey * dVal);
  const b = new Float32Array(dVal);
  let off = SNAPSHOT_HEADER_BYTES;
  for (let i = 0; i < W.length; i++, off += 4) W[i] = dv.getFloat32(off, true);
  for (let i = 0; i < b.length; i++, off += 4) b[i] = dv.getFloat32(off, true);
  return {
    steps: dv.getFloat64(16, true),
    writes: dv.getFloat64(24, true),
    bytesBefore: dv.getFloat64(32, true),
    flashBytesBefore: dv.getFloat64(40, true),
    W,
    b,
  };
}

export function encodeLogHeader(dims: Dims, baseWrites: number): Uint8Array {
  const buf = new Uint8Array(LOG_HEADER_BYTES);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, LOG_MAGIC, true);
  dv.setUint16(4, FORMAT_VERSION, true);
  dv.setUint32(8, dims.dKey, true);
  dv.setUint32(12, dims.dVal, true);
  dv.setFloat64(16, baseWrites, true);
  dv.setUint32(24, crc32(buf.subarray(0, 24)), true);
  return buf;
}

/** The header's base write count, or undefined when the header is torn or not ours. */
export function decodeLogHeader(dims: Dims, buf: Uint8Array): number | undefined {
  if (buf.length < LOG_HEADER_BYTES) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(0, true) !== LOG_MAGIC || dv.getUint16(4, true) !== FORMAT_VERSION) return undefined;
  if (dv.getUint32(24, true) !== crc32(buf.subarray(0, 24))) return undefined;
  if (dv.getUint32(8, true) !== dims.dKey || dv.getUint32(12, true) !== dims.dVal) {
    throw new CorruptStateError(
      `delta log dims ${dv.getUint32(8, true)}×${dv.getUint32(12, true)} do not match the model's ${dims.dKey}×${dims.dVal}`,
    );
  }
  return dv.getFloat64(16, true);
}

export interface LogRecord {
  kind: typeof RECORD_RANK1 | typeof RECORD_FULL;
  steps: number;
  writes: number;
  /** kind 1: u (dKey) · v (dVal) · db (dVal); kind 2: W · b */
  values: Float32Array;
}

export function recordValueCount(dims: Dims, kind: number): number {
  return kind === RECORD_RANK1 ? dims.dKey + 2 * dims.dVal : dims.dKey * dims.dVal + dims.dVal;
}

export function encodeRecord(rec: LogRecord): Uint8Array {
  const payloadLen = PAYLOAD_HEADER_BYTES + rec.values.length * 4;
  const buf = new Uint8Array(RECORD_FRAME_BYTES + payloadLen);
  const dv = new DataView(buf.buffer);
  dv.setUint32(0, payloadLen, true);
  const p = RECORD_FRAME_BYTES;
  dv.setUint8(p, rec.kind);
  dv.setFloat64(p + 8, rec.steps, true);
  dv.setFloat64(p + 16, rec.writes, true);
  let off = p + PAYLOAD_HEADER_BYTES;
  for (const x of rec.values) {
    dv.setFloat32(off, x, true);
    off += 4;
  }
  dv.setUint32(4, crc32(buf.subarray(p)), true);
  return buf;
}

/**
 * Reads the record at `offset`; undefined when it is incomplete or its checksum or shape is wrong
 * (a torn or corrupt tail). Returns the record and its total length.
 */
export function decodeRecord(
  dims: Dims,
  buf: Uint8Array,
  offset: number,
): { record: LogRecord; length: number } | undefined {
  if (offset + RECORD_FRAME_BYTES > buf.length) return undefined;
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const payloadLen = dv.getUint32(offset, true);
  const start = offset + RECORD_FRAME_BYTES;
  if (payloadLen < PAYLOAD_HEADER_BYTES || start + payloadLen > buf.length) return undefined;
  const payload = buf.subarray(start, start + payloadLen);
  if (dv.getUint32(offset + 4, true) !== crc32(payload)) return undefined;
  const kind = dv.getUint8(start);
  if (kind !== RECORD_RANK1 && kind !== RECORD_FULL) return undefined;
  const n = recordValueCount(dims, kind);
  if (payloadLen !== PAYLOAD_HEADER_BYTES + n * 4) return undefined;
  const values = new Float32Array(n);
  let off = start + PAYLOAD_HEADER_BYTES;
  for (let i = 0; i < n; i++, off += 4) values[i] = dv.getFloat32(off, true);
  return {
    record: { kind, steps: dv.getFloat64(start + 8, true), writes: dv.getFloat64(start + 16, true), values },
    length: RECORD_FRAME_BYTES + payloadLen,
  };
}

/**
 * Applies a record to (W, b) in place. Writer and replay share this function, so the state the
 * writer expects a replay to produce is bit-identical to what the replay produces.
 */
export function applyRecord(dims: Dims, rec: LogRecord, W: Float32Array, b: Float32Array): void {
  const { dKey, dVal } = dims;
  const x = rec.values;
  if (rec.kind === RECORD_FULL) {
    W.set(x.subarray(0, dKey * dVal));
    b.set(x.subarray(dKey * dVal));
    return;
  }
  for (let i = 0; i < dKey; i++) {
    const u = x[i] as number;
    const row = i * dVal;
    for (let j = 0; j < dVal; j++) W[row + j] = (W[row + j] as number) + u * (x[dKey + j] as number);
  }
  for (let j = 0; j < dVal; j++) b[j] = (b[j] as number) + (x[dKey + dVal + j] as number);
}

/**
 * Best rank-1 factorisation u·vᵀ of D = W_next − W (v = the row of largest norm, u = projections
 * onto it) and db = b_next − b. The AURA delta-rule update is rank-1, so this is exact up to
 * float32 rounding; callers check the residual and fall back to a full record.
 */
export function factorRankOne(
  dims: Dims,
  W: Float32Array,
  b: Float32Array,
  Wn: Float32Array,
  bn: Float32Array,
): Float32Array {
  const { dKey, dVal } = dims;
  let best = -1;
  let bestNorm = 0;
  for (let i = 0; i < dKey; i++) {
    let n = 0;
    for (let j = 0; j < dVal; j++) {
      const d = (Wn[i * dVal + j] as number) - (W[i * dVal + j] as number);
      n += d * d;
    }
    if (n > bestNorm) {
      bestNorm = n;
      best = i;
    }
  }
  const out = new Float32Array(dKey + 2 * dVal);
  if (best >= 0) {
    const v = new Float64Array(dVal);
    for (let j = 0; j < dVal; j++) v[j] = (Wn[best * dVal + j] as number) - (W[best * dVal + j] as number);
    for (let i = 0; i < dKey; i++) {
      let dot = 0;
      for (let j = 0; j < dVal; j++) {
        dot += ((Wn[i * dVal + j] as number) - (W[i * dVal + j] as number)) * (v[j] as number);
      }
      out[i] = dot / bestNorm;
    }
    for (let j = 0; j < dVal; j++) out[dKey + j] = v[j] as number;
  }
  for (let j = 0; j < dVal; j++) out[dKey + dVal + j] = (bn[j] as number) - (b[j] as number);
  return out;
}
