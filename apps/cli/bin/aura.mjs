#!/usr/bin/env node
// Runs the built CLI (pnpm --filter @aura/cli build, or pnpm build). From a checkout without a
// build, `pnpm --silent aura …` runs the sources instead.
import('../dist/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    console.error(
      'aura: not built yet; run `pnpm --filter @aura/cli build` first (or use `pnpm --silent aura`)',
    );
    process.exit(1);
  }
  console.error(`aura: ${error?.message ?? error}`);
  process.exit(1);
});
