import { databaseUrlFromEnv, openServiceOrm } from './orm';
import { serviceDefinitions } from './services';

/** Applies every service's pending migrations (the Helm chart runs this as a pre-upgrade Job). */
async function main(): Promise<void> {
  const databaseUrl = databaseUrlFromEnv();
  for (const definition of serviceDefinitions) {
    const orm = await openServiceOrm(definition, databaseUrl);
    try {
      const applied = await orm.getMigrator().up();
      console.log(`${definition.service}: ${applied.length} migration(s) applied`);
    } finally {
      await orm.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
