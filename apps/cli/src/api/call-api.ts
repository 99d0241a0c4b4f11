import { type AuraApiClient, createApiClient } from '@aura/api-client';
import { CliError, EXIT, type ExitCode } from '../exit-codes.js';

export type { AuraApiClient };

/** A client for one run; every request carries a user agent naming the CLI. */
export function apiClient(baseUrl: string, apiKey: string, fetchImpl?: typeof fetch): AuraApiClient {
  return createApiClient({
    baseUrl,
    token: apiKey,
    headers: { 'user-agent': 'aura-cli/0.1.0' },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

interface Envelope {
  error?: { code?: string; message?: string; details?: { path?: string; message: string }[] };
}

const HINTS: Record<number, [ExitCode, string]> = {
  401: [
    EXIT.auth,
    'the API refused the key (check AURA_API_KEY or the profile; it may be revoked or expired)',
  ],
  403: [EXIT.auth, 'your role may not do this'],
  404: [EXIT.notFound, 'not found'],
};

function exitCodeFor(status: number): ExitCode {
  const hint = HINTS[status];
  if (hint) return hint[0];
  if (status === 503) return EXIT.unreachable;
  if (status >= 500) return EXIT.failure;
  return EXIT.refused;
}

/** The API's answer as an error the user can read: its message, its field errors, an exit code. */
export function apiError(response: Response, body: unknown): CliError {
  const envelope = (body ?? {}) as Envelope;
  const message = envelope.error?.message ?? HINTS[response.status]?.[1] ?? response.statusText;
  const retry = response.headers.get('retry-after');
  const suffix = retry ? ` (retry after ${retry} s)` : '';
  return new CliError(
    `${message}${suffix} [HTTP ${response.status}${envelope.error?.code ? ` ${envelope.error.code}` : ''}]`,
    exitCodeFor(response.status),
    envelope.error?.details ?? [],
  );
}

/** A fetch that never reached an answer, as a message: the URL and the system's reason. */
function unreachable(baseUrl: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliError(`cannot reach the API at ${baseUrl} (${reason})`, EXIT.unreachable);
}

/**
 * Awaits an openapi-fetch call: its data, or a CliError made of the API's error envelope (4xx/5xx) or
 * of the network failure. Never lets a raw exception through.
 */
export async function call<T>(
  baseUrl: string,
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    throw unreachable(baseUrl, error);
  }
  if (!result.response.ok) throw apiError(result.response, result.error);
  return result.data as T;
}
