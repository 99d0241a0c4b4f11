import { Module } from '@nestjs/common';
import { RobotsController } from './robots.controller.js';
import { RobotsService } from './robots.service.js';

@Module({ controllers: [RobotsController], providers: [RobotsService] })
export class RobotsModule {}
