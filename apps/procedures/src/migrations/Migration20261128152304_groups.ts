import { Migration } from '@mikro-orm/migrations';

export class Migration20261128152304_groups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "procedures"."group_member" ("id" uuid not null, "group_id" uuid not null, "procedure_id" uuid not null, "tenant_id" uuid not null, "account_email" text not null, "account_id" uuid null, "created_at" timestamptz not null, constraint "group_member_pkey" primary key ("id"));`);
    this.addSql(`create index "group_member_procedure_idx" on "procedures"."group_member" ("procedure_id");`);
    this.addSql(`alter table "procedures"."group_member" add constraint "group_member_email_unique" unique ("group_id", "account_email");`);

    this.addSql(`create table "procedures"."instructor_group" ("id" uuid not null, "tenant_id" uuid not null, "procedure_id" uuid not null, "label" text not null, "is_default" boolean not null default false, "active" boolean not null default true, "routing_rule" jsonb null, "position" int not null, "created_at" timestamptz not null, constraint "instructor_group_pkey" primary key ("id"));`);
    this.addSql(`create index "instructor_group_position_idx" on "procedures"."instructor_group" ("procedure_id", "position");`);
    this.addSql(`alter table "procedures"."instructor_group" add constraint "instructor_group_label_unique" unique ("procedure_id", "label");`);

    this.addSql(`create table "procedures"."instructor_group_set" ("procedure_id" uuid not null, "tenant_id" uuid not null, "default_group_id" uuid not null, "version" int not null default 1, constraint "instructor_group_set_pkey" primary key ("procedure_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."group_member" cascade;`);

    this.addSql(`drop table if exists "procedures"."instructor_group" cascade;`);

    this.addSql(`drop table if exists "procedures"."instructor_group_set" cascade;`);
  }

}
