import { Migration } from '@mikro-orm/migrations';

export class Migration20261202025340_dashboard extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dossier_follow" ("dossier_id" uuid not null, "account_id" uuid not null, "tenant_id" uuid not null, "account_email" text not null, "followed_at" timestamptz not null, constraint "dossier_follow_pkey" primary key ("dossier_id", "account_id"));`);
    this.addSql(`create index "dossier_follow_account_idx" on "dossiers"."dossier_follow" ("account_id", "dossier_id");`);

    this.addSql(`alter table "dossiers"."dossier_follow" add constraint "dossier_follow_dossier_id_foreign" foreign key ("dossier_id") references "dossiers"."dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dossiers"."dossier" add column "archived" boolean not null default false;`);
    this.addSql(`create index "dossier_dashboard_idx" on "dossiers"."dossier" ("procedure_id", "group_id", "state", "archived", "number") where "state" <> 'brouillon';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."dossier_follow" cascade;`);

    this.addSql(`drop index "dossiers"."dossier_dashboard_idx";`);
    this.addSql(`alter table "dossiers"."dossier" drop column "archived";`);
  }

}
