import { Module } from '@nestjs/common';
import { OperatorAuthGuard, RobotAuthGuard } from './auth.guards.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { ClientThrottle } from './client-throttle.js';
import { CredentialEpoch } from './credential-epoch.js';
import { RobotCredentialCache } from './robot-credential-cache.js';
import { RobotRateLimiter } from './robot-rate-limiter.js';
import { RobotSecretLookup } from './robot-secret-lookup.js';

/** Credentials and the guards of operator and agent endpoints; import it where a controller uses them. */
@Module({
  providers: [
    AuthService,
    AuthRepository,
    OperatorAuthGuard,
    RobotAuthGuard,
    RobotRateLimiter,
    RobotSecretLookup,
    RobotCredentialCache,
    ClientThrottle,
    CredentialEpoch,
  ],
  exports: [
    AuthService,
    OperatorAuthGuard,
    RobotAuthGuard,
    RobotRateLimiter,
    ClientThrottle,
    CredentialEpoch,
  ],
})
export class AuthModule {}
