/**
 * Memory accounting (DESIGN.md §3): the AURA-Mem state, a same-dimension KV-cache, and a
 * full-backbone KV-cache for named backbones.
 */
export interface MemoryDims {
  dKey: number;
  dVal: number;
  /** Batch size; 1 on the robot. */
  batch?: number;
  /** Bytes per element; 4 for fp32. */
  bytesPerElement?: number;
}

/** AURA-Mem state bytes: `(dKey·dVal + dVal)·batch·bytes` — 4,224 at 32/32, batch 1, fp32. */
export function computeStateBytes({ dKey, dVal, batch = 1, bytesPerElement = 4 }: MemoryDims): number {
  return (dKey * dVal + dVal) * batch * bytesPerElement;
}

/** Same-dimension KV-cache bytes after `steps` steps: `T·(dKey + dVal)·bytes·batch` (256 B/step at 32/32). */
export function computeKvCacheBytes(
  steps: number,
  { dKey, dVal, batch = 1, bytesPerElement = 4 }: MemoryDims,
): number {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer`);
  return steps * (dKey + dVal) * bytesPerElement * batch;
}

export type Dtype = 'fp32' | 'fp16' | 'bf16' | 'int8';
const DTYPE_BYTES: Record<Dtype, number> = { fp32: 4, fp16: 2, bf16: 2, int8: 1 };

export interface BackboneSpec {
  /** Transformer layers holding a KV-cache. */
  layers: number;
  /** Hidden size (model width). */
  hidden: number;
  /** Attention heads; with `kvHeads` < `heads` (GQA/MQA) the cache shrinks by kvHeads/heads. */
  heads: number;
  kvHeads: number;
  dtype: Dtype;
  note: string;
}

/** Named backbones (public architecture figures). */
export const BACKBONES = {
  'llama2-7b': {
    layers: 32,
    hidden: 4096,
    heads: 32,
    kvHeads: 32,
    dtype: 'fp16',
    note: 'Llama-2-7B, the language backbone of OpenVLA / OpenVLA-OFT 7B',
  },
  'llama3-8b': {
    layers: 32,
    hidden: 4096,
    heads: 32,
    kvHeads: 8,
    dtype: 'bf16',
    note: 'Llama-3-8B (grouped-query attention, 8 KV heads)',
  },
} as const satisfies Record<string, BackboneSpec>;

export type BackboneName = keyof typeof BACKBONES;

/**
 * KV-cache bytes a full transformer backbone adds per token (one step = one token here):
 * `2 (K and V) · layers · hidden · (kvHeads/heads) · dtypeBytes · batch`.
 * For Llama-2-7B in fp16: 2·32·4096·2 = 524,288 B per token.
 */
export function estimateBackboneKvBytesPerStep(backbone: BackboneName | BackboneSpec, batch = 1): number {
  const spec: BackboneSpec = typeof backbone === 'string' ? BACKBONES[backbone] : backbone;
  const kvWidth = (spec.hidden * spec.kvHeads) / spec.heads;
  return 2 * spec.layers * kvWidth * DTYPE_BYTES[spec.dtype] * batch;
}
