import { describeIssues, ErrorDetailSchema } from '@aura/core/schemas';
import { z } from 'zod';

/**
 * How the server actions read an API refusal, once: the message of the error envelope (or the
 * action's own fallback), and the 400 details that name a field. The forms show the message at the
 * top and each field's first detail beside its field.
 */

/** What every action answers when `fetch` itself fails. */
export const UNREACHABLE = 'The API is unreachable';
/** What an action answers to a 403 (the API's word is about the key, not the page). */
export const ROLE_REFUSED = 'Your role may not do this (operator or admin needed).';

/** The result of a form's server action: a message or an error, field errors by path, a secret once. */
export interface ActionResult {
  ok?: true;
  error?: string;
  /** Field errors by the API's path (`tags[0]`, `params.thresholdDays`, `url`), the first per path. */
  fieldErrors?: Record<string, string>;
  /** A new credential's secret (enrolment token, API key, channel signing secret): shown once. */
  secret?: string;
  message?: string;
}

/** The part of the error envelope the dashboard reads; anything else (or nothing) reads as empty. */
const RefusalSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    details: z.array(ErrorDetailSchema).optional(),
  }),
});

export interface FieldDetail {
  path: string;
  message: string;
}

/** The envelope's message and its field details (a detail without a path, or `(body)`, is no field's). */
export function readRefusal(error: unknown, fallback: string): { message: string; details: FieldDetail[] } {
  const parsed = RefusalSchema.safeParse(error);
  if (!parsed.success) return { message: fallback, details: [] };
  const { message, details = [] } = parsed.data.error;
  return {
    message: message ?? fallback,
    details: details.flatMap((d) =>
      d.path && d.path !== '(body)' ? [{ path: d.path, message: d.message }] : [],
    ),
  };
}

/** The envelope's message, or `fallback`: for the actions that answer a bare string. */
export function refusalMessage(error: unknown, fallback: string): string {
  return readRefusal(error, fallback).message;
}

/** Field details as one message per path, the first one winning. */
export function byPath(details: FieldDetail[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of details) errors[d.path] ??= d.message;
  return errors;
}

/** A refused call as an ActionResult: a 403 in words about roles, else the API's message and fields. */
export function refused(status: number, error: unknown, fallback: string): ActionResult {
  if (status === 403) return { error: ROLE_REFUSED };
  const { message, details } = readRefusal(error, fallback);
  return { error: message, fieldErrors: byPath(details) };
}

/**
 * What the browser sent, parsed with the API's own schema before it goes on: a server action is an
 * endpoint anyone can call. The forms check the same schema as the operator types, so a refusal here
 * names the same fields as theirs.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  body: unknown,
  message = 'Some fields are not valid',
): { data: z.output<S> } | { refused: ActionResult } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { data: parsed.data };
  return { refused: { error: message, fieldErrors: byPath(describeIssues(parsed.error)) } };
}
