import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050528_labels extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "procedures"."procedure_label" ("id" uuid not null, "tenant_id" uuid not null, "procedure_id" uuid not null, "name" text not null, "name_key" text not null, "color" text not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "procedure_label_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedures"."procedure_label" add constraint "procedure_label_name_unique" unique ("procedure_id", "name_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."procedure_label" cascade;`);
  }

}
