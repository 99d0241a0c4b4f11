import { describeIssues, ErrorEnvelopeSchema } from '@aura/core';
import {
  type ArgumentMetadata,
  applyDecorators,
  HttpCode,
  type PipeTransform,
  UsePipes,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { z } from 'zod';
import { AppError } from './app-error.js';

/** zod → OpenAPI 3.0 schema object (input shape for requests, output shape for responses). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  });
  return json as SchemaObject;
}

/** Components every document carries (referenced by each route's error responses). */
export const SHARED_COMPONENTS = { ErrorEnvelope: () => openApiSchema(ErrorEnvelopeSchema, 'output') };

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request; `details` names each bad field',
  401: 'Missing or invalid credentials',
  403: 'The caller’s role may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body or batch too large',
  415: 'Body is not application/json',
  429: 'Rate limited; retry after `Retry-After` seconds',
};

export interface ContractOptions {
  summary: string;
  description?: string;
  tag: string;
  /** Who may call: an operator API key, a robot secret, or anyone. */
  auth: 'operator' | 'robot' | 'none';
  /** The request body; validated before the handler runs (400 naming each bad field). */
  body?: z.ZodType;
  /**
   * A compiled equivalent of `body` for a hot route: it must accept exactly what `body` accepts (a
   * test must show it). A body it accepts is handed on as is; anything else is parsed by `body`,
   * which names each bad field in the 400.
   */
  bodyCheck?: (body: unknown) => boolean;
  /** Returns a message when a body is too large to validate at all (413, checked first). */
  bodyTooLarge?: (body: unknown) => string | undefined;
  /** The query string, one property a parameter; validated (and coerced) before the handler runs. */
  query?: z.ZodObject;
  /** Path parameters (uuids) by name, with their description; a malformed one is a 400 naming it. */
  params?: Record<string, string>;
  response?: z.ZodType;
  /** Success status (default 200, or 201 for creations). */
  status?: number;
  /** Extra error statuses this route can answer besides the defaults. */
  errors?: number[];
  /** Statuses that answer with the success body rather than the error envelope (e.g. 503 health). */
  sameBodyOn?: number[];
}

const UuidSchema = z.uuid({ error: 'must be a UUID' });

/** Parses `value` with `schema`, or throws the 400 naming every bad field. */
function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error);
  const shown = details.slice(0, 3).map((d) => `${d.path} ${d.message}`);
  throw new AppError(
    'validation_failed',
    `Invalid ${what}: ${shown.join('; ')}${details.length > 3 ? ` (+${details.length - 3} more)` : ''}`,
    details,
  );
}

/**
 * Validates what a route declared in its ApiContract — body, query, path parameters — and hands the
 * handler the parsed values (defaults filled, query numbers coerced). Other arguments pass through.
 */
export class ContractPipe implements PipeTransform {
  constructor(private readonly options: ContractOptions) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { body, bodyCheck, bodyTooLarge, query, params } = this.options;
    switch (metadata.type) {
      case 'body': {
        if (!body) return value;
        const tooLarge = bodyTooLarge?.(value);
        if (tooLarge) throw new AppError('payload_too_large', tooLarge);
        if (value === undefined || value === null) {
          throw new AppError('validation_failed', 'A JSON request body is required', [
            { path: '(body)', message: 'is missing' },
          ]);
        }
        if (bodyCheck?.(value)) return value;
        return parse(body, value, 'body');
      }
      case 'query':
        return query ? parse(query, value ?? {}, 'query') : value;
      case 'param': {
        const name = metadata.data;
        if (!name || !params?.[name]) return value;
        return parse(z.object({ [name]: UuidSchema }), { [name]: value }, 'path')[name];
      }
      default:
        return value;
    }
  }
}

/**
 * One declaration per route of what it accepts and answers: it validates the request (ContractPipe)
 * and renders into the OpenAPI document (apps/api/openapi.json), from the same zod schemas.
 */
export function ApiContract(options: ContractOptions) {
  const status = options.status ?? 200;
  const decorators = [
    ApiTags(options.tag),
    ApiOperation({
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
    }),
    HttpCode(status),
    UsePipes(new ContractPipe(options)),
  ];
  if (options.auth !== 'none') decorators.push(ApiBearerAuth(options.auth));
  if (options.body) {
    decorators.push(ApiBody({ required: true, schema: openApiSchema(options.body, 'input') }));
  }
  if (options.query) {
    const json = openApiSchema(options.query, 'input');
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const description = 'description' in schema ? schema.description : undefined;
      decorators.push(
        ApiQuery({
          name,
          required: json.required?.includes(name) ?? false,
          schema,
          ...(description ? { description } : {}),
        }),
      );
    }
  }
  for (const [name, description] of Object.entries(options.params ?? {})) {
    decorators.push(ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } }));
  }
  const response = options.response ? openApiSchema(options.response, 'output') : undefined;
  decorators.push(
    status === 304 || !response
      ? ApiResponse({ status, description: 'OK' })
      : ApiResponse({ status, description: 'OK', schema: response }),
  );
  for (const code of options.sameBodyOn ?? []) {
    if (response) decorators.push(ApiResponse({ status: code, description: 'Degraded', schema: response }));
  }
  const errors = new Set<number>([
    ...(options.body || options.query || options.params ? [400] : []),
    ...(options.errors ?? []),
  ]);
  if (options.auth !== 'none') errors.add(401);
  if (options.auth === 'operator') errors.add(403);
  if (options.body) errors.add(415);
  for (const code of [...errors].sort()) {
    decorators.push(
      ApiResponse({
        status: code,
        description: ERROR_TEXT[code] ?? 'Error',
        schema: { $ref: '#/components/schemas/ErrorEnvelope' },
      }),
    );
  }
  return applyDecorators(...decorators);
}
