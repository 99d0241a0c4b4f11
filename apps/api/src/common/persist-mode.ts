import type { PersistMode } from '@aura/core';
import type { PersistMode as DbPersistMode } from '../generated/prisma/enums.js';

/**
 * Persist modes as the wire spells them (`delta-log`, the contract's PERSIST_MODES) and as the
 * database enum does (`delta_log`): the one mapping between the two. A mode in gives a mode out;
 * absent (`undefined`/`null`) or unknown gives `null`.
 */
export function toDbPersistMode(mode: PersistMode): DbPersistMode;
export function toDbPersistMode(mode: PersistMode | null | undefined): DbPersistMode | null;
export function toDbPersistMode(mode: PersistMode | null | undefined): DbPersistMode | null {
  if (mode === undefined || mode === null) return null;
  return mode === 'delta-log' ? 'delta_log' : mode;
}

export function toWirePersistMode(mode: DbPersistMode): PersistMode;
export function toWirePersistMode(mode: DbPersistMode | string | null): PersistMode | null;
export function toWirePersistMode(mode: DbPersistMode | string | null): PersistMode | null {
  if (mode === null) return null;
  return mode === 'delta_log' ? 'delta-log' : mode === 'none' || mode === 'snapshot' ? mode : null;
}
