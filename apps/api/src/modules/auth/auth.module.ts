import { Global, Module } from '@nestjs/common';
import { OperatorAuthGuard, RobotAuthGuard } from './auth.guards.js';
import { AuthService } from './auth.service.js';

@Global()
@Module({
  providers: [AuthService, OperatorAuthGuard, RobotAuthGuard],
  exports: [AuthService, OperatorAuthGuard, RobotAuthGuard],
})
export class AuthModule {}
