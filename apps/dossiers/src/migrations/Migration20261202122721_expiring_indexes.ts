import { Migration } from '@mikro-orm/migrations';

export class Migration20261202122721_expiring_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "dossier_expiring_decided_idx" on "dossiers"."dossier" ("procedure_id", "decided_at") include ("tenant_id", "group_id", "state", "archived", "follower_count", "hidden_by_administration_at") where "state" in ('accepte', 'refuse', 'sans_suite');`);
    this.addSql(`create index "dossier_expiring_construction_idx" on "dossiers"."dossier" ("procedure_id", "submitted_at") include ("tenant_id", "group_id", "state", "archived", "follower_count", "hidden_by_administration_at") where "state" = 'en_construction';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_expiring_decided_idx";`);
    this.addSql(`drop index "dossiers"."dossier_expiring_construction_idx";`);
  }

}
