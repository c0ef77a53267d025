import { Module } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { config } from './config';
import { definition } from './service.definition';

@Module({
  imports: [PlatformModule.forRoot(definition, config)],
})
export class AppModule {}
