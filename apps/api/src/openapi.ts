import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import pkg from '../package.json' with { type: 'json' };
import { SHARED_COMPONENTS } from './common/api-contract.js';

/**
 * The OpenAPI document, generated from the controllers and their ApiContract declarations.
 * Committed as apps/api/openapi.json (a test fails when it drifts; `pnpm api:generate` rewrites it
 * and the typed client in packages/api-client).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('AURA Fleet API')
    .setDescription(
      'Control plane of AURA Fleet. Agent endpoints (`/v1/agent/*`) authenticate with the robot secret; ' +
        'operator endpoints with an operator API key (roles viewer < operator < admin). Every error uses ' +
        '`{"error": {"code", "message", "details"?}}`; every response carries `x-request-id`.',
    )
    .setVersion(pkg.version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'Operator API key (aura_ak_…)' },
      'operator',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Robot secret (aura_rs_…)' }, 'robot')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...Object.fromEntries(Object.entries(SHARED_COMPONENTS).map(([name, build]) => [name, build()])),
    },
  };
  return document;
}

/** Serves the document at /openapi.json and an interactive reference at /docs. */
export function serveOpenApi(app: INestApplication) {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    customSiteTitle: 'AURA Fleet API',
  });
}
