import { Migration } from '@mikro-orm/migrations';

export class Migration20261129012401_lookups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."lookup_setting" ("tenant_id" uuid not null, "kind" text not null, "enabled" boolean not null default true, "base_url" text null, "token" text null, "recipient" text null, "referentiels" jsonb not null, "updated_at" timestamptz not null, constraint "lookup_setting_pkey" primary key ("tenant_id", "kind"));`);

    this.addSql(`alter table "dossiers"."dossier" add column "lookups" jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."lookup_setting" cascade;`);

    this.addSql(`alter table "dossiers"."dossier" drop column "lookups";`);
  }

}
