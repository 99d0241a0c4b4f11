import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { OperatorsController } from './operators.controller.js';
import { OperatorsRepository } from './operators.repository.js';
import { OperatorsService } from './operators.service.js';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [OperatorsController],
  providers: [OperatorsService, OperatorsRepository],
})
export class OperatorsModule {}
