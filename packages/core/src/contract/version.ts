/** Version of the AURA Fleet core package (also the wire-contract generation it speaks). */
export const CORE_VERSION = '0.1.0';

/** Version of the agent ↔ API wire contract (DESIGN.md §5). */
export const WIRE_CONTRACT_VERSION = 'v1';
