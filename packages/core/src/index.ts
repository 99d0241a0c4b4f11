/**
 * Entry point `@aura/core`: everything in the three rooms. Prefer the narrower entry points
 * `@aura/core/contract`, `@aura/core/fleet` and `@aura/core/memory`; `@aura/core/schemas` is the
 * browser-safe subset.
 */
export * from './contract/index.js';
export * from './fleet/index.js';
export * from './memory/index.js';
