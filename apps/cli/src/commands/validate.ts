import { describeIssues } from '@aura/core/schemas';
import type { z } from 'zod';
import { UsageError } from '../exit-codes.js';

/**
 * Checks a request against the API's own schema before sending it: a UsageError (exit 2) naming
 * each bad field, `what` saying which input it was.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(`invalid ${what}`, describeIssues(parsed.error));
}
