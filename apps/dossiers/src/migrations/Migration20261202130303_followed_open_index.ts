import { Migration } from '@mikro-orm/migrations';

export class Migration20261202130303_followed_open_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "dossier_followed_open_idx" on "dossiers"."dossier" ("id") include ("tenant_id", "procedure_id", "group_id", "state") where "state" in ('en_construction', 'en_instruction') and not "archived" and "hidden_by_administration_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_followed_open_idx";`);
  }

}
