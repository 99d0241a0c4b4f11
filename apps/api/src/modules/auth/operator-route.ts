import type { OperatorRole } from '@aura/core/contract';
import { applyDecorators } from '@nestjs/common';
import { ApiContract, type ContractOptions } from '../../common/api-contract.js';
import { OperatorAuth } from './auth.guards.js';

/** What a route declares besides its tag and auth, which its controller's route decorator sets. */
export type OperatorRouteContract = Omit<ContractOptions, 'tag' | 'auth'>;

/**
 * The route decorator of one controller (or feature) of the operator API: each route names its
 * minimum role and its contract once, in the OpenAPI spec's `tag`, behind operator auth.
 *
 *     const PoliciesRoute = operatorRoute('policies');
 *     @Get() @PoliciesRoute('viewer', { summary: 'List policies', response: PolicyListSchema })
 */
export const operatorRoute =
  (tag: string) =>
  (role: OperatorRole, contract: OperatorRouteContract): MethodDecorator =>
    applyDecorators(ApiContract({ ...contract, tag, auth: 'operator' }), OperatorAuth(role));
