import './telemetry';
import { runService } from '@guichet/platform-service';
import { AppModule } from './app.module';
import { loadServiceConfig } from './config';

runService(AppModule.register(loadServiceConfig())).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
