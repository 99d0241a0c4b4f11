import { applyDecorators, HttpCode } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ERROR_STATUS } from './app-error.js';

type JsonSchema = Record<string, unknown>;

/** zod → OpenAPI 3.0 schema object (input shape for requests, output shape for responses). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() }).loose()).optional(),
  }),
});

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
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: Record<string, string>;
  response?: z.ZodType;
  /** Success status (default 200, or 201 for creations). */
  status?: number;
  /** Extra error statuses this route can answer besides the defaults. */
  errors?: number[];
  /** Statuses that answer with the success body rather than the error envelope (e.g. 503 health). */
  sameBodyOn?: number[];
}

/**
 * One declaration per route of what it accepts and answers, rendered into the OpenAPI document
 * (apps/api/openapi.json). Validation itself stays in ZodPipe, with the same schemas.
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
  ];
  if (options.auth !== 'none') decorators.push(ApiBearerAuth(options.auth));
  if (options.body) {
    decorators.push(ApiBody({ required: true, schema: openApiSchema(options.body, 'input') as never }));
  }
  if (options.query) {
    const json = openApiSchema(options.query, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      decorators.push(
        ApiQuery({
          name,
          required: json.required?.includes(name) ?? false,
          schema: schema as never,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        }),
      );
    }
  }
  for (const [name, description] of Object.entries(options.params ?? {})) {
    decorators.push(ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } }));
  }
  decorators.push(
    status === 304 || !options.response
      ? ApiResponse({ status, description: 'OK' })
      : ApiResponse({
          status,
          description: 'OK',
          schema: openApiSchema(options.response, 'output') as never,
        }),
  );
  for (const code of options.sameBodyOn ?? []) {
    if (options.response) {
      decorators.push(
        ApiResponse({
          status: code,
          description: 'Degraded',
          schema: openApiSchema(options.response, 'output') as never,
        }),
      );
    }
  }
  const errors = new Set<number>([
    ...(options.body || options.query ? [400] : []),
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
