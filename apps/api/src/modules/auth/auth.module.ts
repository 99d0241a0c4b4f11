import { Global, Module } from '@nestjs/common';
import { OperatorAuthGuard, RobotAuthGuard } from './auth.guards.js';
import { AuthService } from './auth.service.js';
import { RobotRateLimiter } from './robot-rate-limiter.js';

@Global()
@Module({
  providers: [AuthService, OperatorAuthGuard, RobotAuthGuard, RobotRateLimiter],
  exports: [AuthService, OperatorAuthGuard, RobotAuthGuard, RobotRateLimiter],
})
export class AuthModule {}
