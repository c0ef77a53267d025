import { Migration } from '@mikro-orm/migrations';

export class Migration20261202030720_group_changes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."dossier_group_change" ("id" uuid not null, "dossier_id" uuid not null, "from_group_id" uuid null, "from_label" text null, "to_group_id" uuid not null, "to_label" text not null, "at" timestamptz not null, "actor_email" text null, constraint "dossier_group_change_pkey" primary key ("id"));`);
    this.addSql(`create index "dossier_group_change_dossier_idx" on "dossiers"."dossier_group_change" ("dossier_id", "at");`);

    this.addSql(`alter table "dossiers"."dossier_group_change" add constraint "dossier_group_change_dossier_id_foreign" foreign key ("dossier_id") references "dossiers"."dossier" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."dossier_group_change" cascade;`);
  }

}
