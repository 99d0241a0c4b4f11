#!/usr/bin/env node
// Runs the built agent (pnpm --filter @aura/agent build).
import('../dist/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('aura-agent: not built yet; run `pnpm --filter @aura/agent build` first');
    process.exit(1);
  }
  throw error;
});
