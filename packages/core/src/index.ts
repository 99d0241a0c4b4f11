export { createRng, type Rng } from './create-rng.js';
export {
  BACKBONES,
  type BackboneName,
  type BackboneSpec,
  computeKvCacheBytes,
  computeStateBytes,
  type Dtype,
  estimateBackboneKvBytesPerStep,
  type MemoryDims,
} from './estimate-memory-bytes.js';
export { CORE_VERSION, WIRE_CONTRACT_VERSION } from './version.js';
