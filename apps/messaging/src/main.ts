import './telemetry';
import { runService } from '@guichet/platform-service';
import { AppModule } from './app.module';

runService(AppModule).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
