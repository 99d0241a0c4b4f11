import {
  type ConfigSigningKeyAction,
  ConfigSigningKeyActionSchema,
  ConfigSigningKeyListSchema,
  ConfigSigningKeySchema,
  type CreateConfigSigningKey,
  CreateConfigSigningKeySchema,
  type PlanConfigSigningKeyRetirement,
  PlanConfigSigningKeyRetirementSchema,
} from '@aura/core';
import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { CurrentOperator, RequestId } from '../auth/auth.guards.js';
import type { OperatorPrincipal } from '../auth/auth.types.js';
import { operatorRoute } from '../auth/operator-route.js';
import { SigningKeysService } from './signing-keys.service.js';

const SigningKeysRoute = operatorRoute('signing-keys');

const ChangedKeySchema = ConfigSigningKeySchema.extend({
  keySetVersion: z.number().int().describe('the key-set version robots are moved to'),
});

/** An admin's verb on one key: a reason in, the changed key and the key-set version robots move to out. */
const KeyVerb = (summary: string, description?: string) =>
  SigningKeysRoute('admin', {
    summary,
    ...(description ? { description } : {}),
    params: { id: 'Config-signing key id' },
    body: ConfigSigningKeyActionSchema,
    response: ChangedKeySchema,
    errors: [404, 409],
  });

@Controller('v1/config-signing-keys')
export class SigningKeysController {
  constructor(@Inject(SigningKeysService) private readonly keys: SigningKeysService) {}

  @Get()
  @SigningKeysRoute('admin', {
    summary: 'Config-signing keys and the newest key set',
    response: ConfigSigningKeyListSchema,
  })
  list() {
    return this.keys.list();
  }

  @Post()
  @SigningKeysRoute('admin', {
    summary: 'Create a standby config-signing key',
    description:
      'Generates an Ed25519 key, stores its private half encrypted (CONFIG_KEY_ENCRYPTION_KEY) and signs a new key set that carries it to robots. It does not sign configs until activated.',
    body: CreateConfigSigningKeySchema,
    response: ChangedKeySchema,
    status: 201,
    errors: [409],
  })
  create(
    @CurrentOperator() actor: OperatorPrincipal,
    @Body() body: CreateConfigSigningKey,
    @RequestId() requestId: string,
  ) {
    return this.keys.create(actor, body, requestId);
  }

  @Post(':id/activate')
  @KeyVerb(
    'Sign configs with this key from now on',
    'A standby key becomes active; the former active key goes on standby (still trusted).',
  )
  activate(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: ConfigSigningKeyAction,
    @RequestId() requestId: string,
  ) {
    return this.keys.activate(actor, id, body.reason, requestId);
  }

  @Post(':id/retire')
  @KeyVerb('Retire a standby key (robots stop trusting it)')
  retire(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: ConfigSigningKeyAction,
    @RequestId() requestId: string,
  ) {
    return this.keys.retire(actor, id, body.reason, requestId);
  }

  @Put(':id/planned-retirement')
  @SigningKeysRoute('admin', {
    summary: 'Plan (or clear) when a trusted key should retire',
    description:
      'Sets the time an admin plans to retire this key, or clears it with null. Nothing retires the key by itself: `signing_key_retirement` alert rules fire while the time is within their lead time (docs/alerts.md). A time that is not in the future, or more than 3650 days ahead, is a 400 naming `plannedRetirementAt`; a retired or revoked key is a 409. Audited as `config_signing_key.plan_retirement`.',
    params: { id: 'Config-signing key id' },
    body: PlanConfigSigningKeyRetirementSchema,
    response: ChangedKeySchema,
    errors: [404, 409],
  })
  planRetirement(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: PlanConfigSigningKeyRetirement,
    @RequestId() requestId: string,
  ) {
    return this.keys.planRetirement(actor, id, body, requestId);
  }

  @Post(':id/revoke')
  @KeyVerb('Revoke a key (a leaked key): robots never trust it again')
  revoke(
    @CurrentOperator() actor: OperatorPrincipal,
    @Param('id') id: string,
    @Body() body: ConfigSigningKeyAction,
    @RequestId() requestId: string,
  ) {
    return this.keys.revoke(actor, id, body.reason, requestId);
  }
}
