import { describeIssues } from '@aura/core';
import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from './app-error.js';

/** Validates a body or query with a zod schema; 400 `validation_failed` naming every bad field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly what: 'body' | 'query' | 'path' = 'body',
    /** Returns a message when the input is too large to validate (→ 413). */
    private readonly tooLarge?: (value: unknown) => string | undefined,
  ) {}

  transform(value: unknown): z.infer<T> {
    const tooLarge = this.tooLarge?.(value);
    if (tooLarge) throw new AppError('payload_too_large', tooLarge);
    if (this.what === 'body' && (value === undefined || value === null)) {
      throw new AppError('validation_failed', 'A JSON request body is required', [
        { path: '(body)', message: 'is missing' },
      ]);
    }
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const details = describeIssues(parsed.error);
      throw new AppError(
        'validation_failed',
        `Invalid ${this.what}: ${details
          .slice(0, 3)
          .map((d) => `${d.path} ${d.message}`)
          .join('; ')}${details.length > 3 ? ` (+${details.length - 3} more)` : ''}`,
        details,
      );
    }
    return parsed.data;
  }
}
