import { Migration } from '@mikro-orm/migrations';

export class Migration20261128155540_rebase_routing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dossier_value_history" ("id" uuid not null, "tenant_id" uuid not null, "dossier_id" uuid not null, "revision_id" uuid not null, "stable_id" text not null, "label" text not null, "value" jsonb not null, "removed_at" timestamptz not null, constraint "dossier_value_history_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_value_history_dossier_idx" on "dossiers"."dossier_value_history" ("dossier_id");`);

    this.addSql(`alter table "dossiers"."dossier" add column "group_id" uuid null, add column "group_label" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."dossier_value_history" cascade;`);

    this.addSql(`alter table "dossiers"."dossier" drop column "group_id", drop column "group_label";`);
  }

}
