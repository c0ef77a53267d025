import { Migration } from '@mikro-orm/migrations';

export class Migration20261129040129_brouillon_usagers_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "dossier_brouillon_usager_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", lower("usager_email"), "updated_at" desc) where "state" = 'brouillon';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_brouillon_usager_idx";`);
  }

}
