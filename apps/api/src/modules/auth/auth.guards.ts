import { hasRole, type OperatorRole } from '@aura/core';
import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error.js';
import { AuthService } from './auth.service.js';
import type { OperatorPrincipal, RobotPrincipal } from './auth.types.js';
import { RobotRateLimiter } from './robot-rate-limiter.js';

const MIN_ROLE = 'aura:min-role';

@Injectable()
export class OperatorAuthGuard implements CanActivate {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.auth.operator(AuthService.bearer(request.headers.authorization), request.ip);
    const required =
      this.reflector.getAllAndOverride<OperatorRole>(MIN_ROLE, [context.getHandler(), context.getClass()]) ??
      'admin';
    if (!hasRole(principal.role, required)) {
      throw new AppError(
        'forbidden',
        `This action needs the ${required} role; your key has ${principal.role}`,
      );
    }
    request.operator = principal;
    return true;
  }
}

@Injectable()
export class RobotAuthGuard implements CanActivate {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(RobotRateLimiter) private readonly rateLimiter: RobotRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    request.robot = await this.auth.robot(AuthService.bearer(request.headers.authorization), request.ip);
    await this.rateLimiter.consume(request.robot.robotId);
    return true;
  }
}

/** Operator endpoint needing at least `role` (viewer < operator < admin). */
export const OperatorAuth = (role: OperatorRole) =>
  applyDecorators(SetMetadata(MIN_ROLE, role), UseGuards(OperatorAuthGuard));

/** Agent endpoint: the calling robot, authenticated by its own secret. */
export const RobotAuth = () => UseGuards(RobotAuthGuard);

export const CurrentOperator = createParamDecorator(
  (_: unknown, context: ExecutionContext): OperatorPrincipal => {
    const operator = context.switchToHttp().getRequest<FastifyRequest>().operator;
    if (!operator) throw new AppError('unauthorized', 'Not authenticated');
    return operator;
  },
);

export const CurrentRobot = createParamDecorator((_: unknown, context: ExecutionContext): RobotPrincipal => {
  const robot = context.switchToHttp().getRequest<FastifyRequest>().robot;
  if (!robot) throw new AppError('unauthorized', 'Not authenticated');
  return robot;
});

/** The request id of the current request (for audit events and job payloads). */
export const RequestId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => context.switchToHttp().getRequest<FastifyRequest>().id,
);
