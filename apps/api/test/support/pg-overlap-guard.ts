import { afterAll } from 'vitest';

/**
 * Every api-integration file (setupFiles): fails the file when pg warns that a query was issued on a
 * client already executing one. Prisma's query interpreter can read a write's selected relations
 * concurrently on an interactive transaction's single pg client; pg 8 only warns ('already executing
 * a query', a DeprecationWarning printed once per process), pg 9 refuses the query
 * (docs/database.md, "One query at a time per client"). Each file runs in its own process, so the
 * first overlap of any file is seen here.
 */
const overlaps: string[] = [];
const onWarning = (warning: Error) => {
  if (warning.message.includes('already executing a query')) overlaps.push(warning.stack ?? warning.message);
};
process.on('warning', onWarning);

afterAll(async () => {
  // warnings are emitted on the next tick
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('warning', onWarning);
  if (overlaps.length > 0) {
    throw new Error(
      `pg: a query was issued on a client already executing one (Prisma relation reads inside a transaction?):\n${overlaps.join('\n')}`,
    );
  }
});
