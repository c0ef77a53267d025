import { Migration } from '@mikro-orm/migrations';

export class Migration20261202064848_hidden_by_administration extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier" add column "hidden_by_administration_at" timestamptz null;`);
    // The counts read the flag from the dashboard index alone.
    this.addSql(`drop index "dossiers"."dossier_dashboard_counts_idx";`);
    this.addSql(`create index "dossier_dashboard_counts_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", "group_id", "state", "archived", "number") include ("follower_count", "id", "hidden_by_administration_at") where "state" <> 'brouillon';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_dashboard_counts_idx";`);
    this.addSql(`alter table "dossiers"."dossier" drop column "hidden_by_administration_at";`);
    this.addSql(`create index "dossier_dashboard_counts_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", "group_id", "state", "archived", "number") include ("follower_count", "id") where "state" <> 'brouillon';`);
  }

}
