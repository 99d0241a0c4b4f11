import { main } from './cli.js';

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`aura-agent: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
