import type { ServiceDefinition } from '@guichet/platform-service';
import { EmailMessage } from './email/email-message.entity';
import { Message } from './message/message.entity';
import { migrations } from './migrations';

/** The messaging service's persistence: its own schema, its entities, its committed migrations. */
export const definition: ServiceDefinition = {
  service: 'messaging',
  orm: {
    schema: 'messaging',
    entities: [EmailMessage, Message],
    migrations,
    migrationsPath: 'apps/messaging/src/migrations',
  },
};
