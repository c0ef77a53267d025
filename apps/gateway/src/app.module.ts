import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PlatformModule } from '@guichet/platform-service';
import { ApiModule } from './api/api.module';
import type { GatewayConfig } from './config';
import { HealthModule } from './health/health.module';
import { AccessGuard } from './http/access.guard';
import { BusClient } from './http/bus.client';
import { GATEWAY_CONFIG } from './http/tokens';
import { IdentityModule } from './identity/identity.module';
import { OpenApiHttpController } from './openapi/openapi.http.controller';
import { definition } from './service.definition';

/** The gateway process: platform plumbing (database, bus), identity, and the HTTP routes. */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [PlatformModule.forRoot(definition, config), IdentityModule, ApiModule, HealthModule],
      controllers: [OpenApiHttpController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, BusClient, { provide: APP_GUARD, useClass: AccessGuard }],
      exports: [GATEWAY_CONFIG, BusClient],
    };
  }
}
