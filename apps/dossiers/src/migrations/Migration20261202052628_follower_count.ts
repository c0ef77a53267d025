import { Migration } from '@mikro-orm/migrations';

export class Migration20261202052628_follower_count extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_dashboard_idx";`);

    this.addSql(`alter table "dossiers"."dossier" add column "follower_count" int not null default 0;`);
    // The follows made so far.
    this.addSql(`update "dossiers"."dossier" d set follower_count = f.followers from (select dossier_id, count(*)::int as followers from "dossiers"."dossier_follow" group by dossier_id) f where f.dossier_id = d.id;`);
    this.addSql(`create index "dossier_dashboard_counts_idx" on "dossiers"."dossier" ("tenant_id", "procedure_id", "group_id", "state", "archived", "number") include ("follower_count", "id") where "state" <> 'brouillon';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "dossiers"."dossier_dashboard_counts_idx";`);
    this.addSql(`alter table "dossiers"."dossier" drop column "follower_count";`);

    this.addSql(`CREATE INDEX dossier_dashboard_idx ON dossiers.dossier USING btree (procedure_id, group_id, state, archived, number) WHERE (state <> 'brouillon'::text);`);
  }

}
