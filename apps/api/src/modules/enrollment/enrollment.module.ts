import { Module } from '@nestjs/common';
import { AgentConfigModule } from '../agent-config/agent-config.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { SigningKeysModule } from '../signing-keys/signing-keys.module.js';
import { EnrollmentController } from './enrollment.controller.js';
import { EnrollmentRepository } from './enrollment.repository.js';
import { EnrollmentService } from './enrollment.service.js';

@Module({
  imports: [AuthModule, AuditModule, AgentConfigModule, SigningKeysModule],
  controllers: [EnrollmentController],
  providers: [EnrollmentService, EnrollmentRepository],
})
export class EnrollmentModule {}
