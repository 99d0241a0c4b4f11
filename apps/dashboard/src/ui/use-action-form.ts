import { describeIssues } from '@aura/core/schemas';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { type ActionResult, byPath } from '@/api/refusal';

/** The first error of `key` itself or of an item of it (`tags` finds `tags[0]`). */
function errorAt(errors: Record<string, string> | undefined, key: string): string | undefined {
  return errors?.[key] ?? Object.entries(errors ?? {}).find(([path]) => path.startsWith(`${key}[`))?.[1];
}

/**
 * The state of a form that a server action answers: its fields, checked as the operator types with
 * the API's own schema (errors shown once the operator has tried to submit), the action's answer
 * (its message, secret, error and field errors) and whether it is running. On success the fields go
 * back to `reset` (the initial ones unless given), so the next item starts clean.
 */
export function useActionForm<F extends Record<string, string>, S extends z.ZodType>({
  initial,
  schema,
  body,
  send,
  failure,
  reset = () => initial,
}: {
  initial: F;
  schema: S;
  /** The fields as the action's input (numbers parsed, blanks left out). */
  body: (fields: F) => unknown;
  /** Calls the server action with the checked input (and the fields and unchecked body, if it needs them). */
  send: (data: z.output<S>, sent: { fields: F; body: unknown }) => Promise<ActionResult>;
  /** What the form says when the action itself fails (the network, the dashboard server). */
  failure: string;
  reset?: (fields: F) => F;
}) {
  const [fields, setFields] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<ActionResult>({});
  const [busy, setBusy] = useState(false);
  const input = body(fields);
  const parsed = schema.safeParse(input);
  const local = parsed.success ? {} : byPath(describeIssues(parsed.error));

  return {
    fields,
    result,
    busy,
    /** A setter for one field, for an input's onChange. */
    set: (key: keyof F) => (value: string) => setFields((f) => ({ ...f, [key]: value })),
    /** The error to show beside `key`: ours once submitted, else the API's. */
    errorOf: (key: string) =>
      (submitted ? errorAt(local, key) : undefined) ?? errorAt(result.fieldErrors, key),
    submit: async (event: FormEvent) => {
      event.preventDefault();
      setSubmitted(true);
      setResult({});
      if (!parsed.success) return;
      setBusy(true);
      const answer = await send(parsed.data, { fields, body: input }).catch(
        (): ActionResult => ({ error: failure }),
      );
      setBusy(false);
      setResult(answer);
      if (answer.ok) {
        setSubmitted(false);
        setFields(reset);
      }
    },
  };
}
