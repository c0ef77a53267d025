import { Migration } from '@mikro-orm/migrations';

export class Migration20261202051112_labels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dossier_label_change" ("id" uuid not null, "dossier_id" uuid not null, "tenant_id" uuid not null, "label_id" uuid not null, "label_name" text not null, "action" text check ("action" in ('added', 'removed')) not null, "actor_account_id" uuid null, "actor_email" text null, "at" timestamptz not null, constraint "dossier_label_change_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_label_change_dossier_idx" on "dossiers"."dossier_label_change" ("dossier_id", "at");`);

    this.addSql(`create table "dossiers"."label" ("id" uuid not null, "tenant_id" uuid not null, "procedure_id" uuid not null, "name" text not null, "color" text not null, "version" int not null, "deleted" boolean not null default false, constraint "label_pkey" primary key ("id"));`);

    this.addSql(`create table "dossiers"."dossier_label" ("dossier_id" uuid not null, "label_id" uuid not null, "tenant_id" uuid not null, "added_by_account_id" uuid null, "added_at" timestamptz not null, constraint "dossier_label_pkey" primary key ("dossier_id", "label_id"));`);
    this.addSql(`create index "dossier_label_label_idx" on "dossiers"."dossier_label" ("label_id", "dossier_id");`);

    this.addSql(`alter table "dossiers"."dossier_label_change" add constraint "dossier_label_change_dossier_id_foreign" foreign key ("dossier_id") references "dossiers"."dossier" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "dossiers"."dossier_label" add constraint "dossier_label_dossier_id_foreign" foreign key ("dossier_id") references "dossiers"."dossier" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "dossiers"."dossier_label" add constraint "dossier_label_label_id_foreign" foreign key ("label_id") references "dossiers"."label" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "dossiers"."dossier_label" drop constraint "dossier_label_label_id_foreign";`);

    this.addSql(`drop table if exists "dossiers"."dossier_label_change" cascade;`);

    this.addSql(`drop table if exists "dossiers"."label" cascade;`);

    this.addSql(`drop table if exists "dossiers"."dossier_label" cascade;`);
  }

}
