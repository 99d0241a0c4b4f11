// A child process of `pnpm bench paper --jobs N` (bench/_paper-runner.ts): runs the units it is sent, one at
// a time, each into the cache, and answers { ok } per unit.
import type { AuraUnitFacts } from '@aura/core';
import { computeUnit, type UnitOptions } from './_paper-cache.js';
import { unitLabel } from './_paper-runner.js';

process.on('message', (msg: { cacheDir: string; options: UnitOptions; facts?: AuraUnitFacts }) => {
  try {
    computeUnit(msg.cacheDir, msg.options, msg.facts, (m) =>
      console.error(`  ${unitLabel(msg.options)}: ${m}`),
    );
    process.send?.({ ok: true });
  } catch (e) {
    process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
// the parent's end of the channel closing (it was interrupted) ends the worker
process.on('disconnect', () => process.exit(0));
