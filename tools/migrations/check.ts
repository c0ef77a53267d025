import { databaseUrlFromEnv, openServiceOrm, withScratchDatabase } from './orm';
import { serviceDefinitions } from './services';

/** Fails when a service's entities and its committed migrations disagree (CI runs this). */
async function main(): Promise<void> {
  const drifted: string[] = [];
  await withScratchDatabase(databaseUrlFromEnv(), async (url) => {
    for (const definition of serviceDefinitions) {
      const orm = await openServiceOrm(definition, url);
      try {
        await orm.getMigrator().up();
        const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, schema: definition.orm.schema });
        if (diff.trim()) {
          drifted.push(definition.service);
          console.error(`${definition.service}: entities and migrations differ. Run \`npm run migrations:create -- ${definition.service}\`.\n${diff}`);
        } else {
          console.log(`${definition.service}: migrations match entities`);
        }
      } finally {
        await orm.close();
      }
    }
  });
  if (drifted.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
