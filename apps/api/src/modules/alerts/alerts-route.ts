import type { OperatorRole } from '@aura/core/contract';
import { applyDecorators } from '@nestjs/common';
import { ApiContract, type ContractOptions } from '../../common/api-contract.js';
import { OperatorAuth } from '../auth/auth.guards.js';

/** A route of the alerts controllers: operators of `role` and up, in the OpenAPI spec's `alerts` tag. */
export const AlertsRoute = (role: OperatorRole, contract: Omit<ContractOptions, 'tag' | 'auth'>) =>
  applyDecorators(ApiContract({ ...contract, tag: 'alerts', auth: 'operator' }), OperatorAuth(role));
