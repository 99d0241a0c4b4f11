import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { RobotsController } from './robots.controller.js';
import { RobotsRepository } from './robots.repository.js';
import { RobotsService } from './robots.service.js';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [RobotsController],
  providers: [RobotsService, RobotsRepository],
  exports: [RobotsService],
})
export class RobotsModule {}
