import { Module } from '@nestjs/common';
import { HealthHttpController } from './health.http.controller';
import { ReadinessService } from './readiness.service';

@Module({ controllers: [HealthHttpController], providers: [ReadinessService] })
export class HealthModule {}
