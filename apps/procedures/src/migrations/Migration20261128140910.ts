import { Migration } from '@mikro-orm/migrations';

export class Migration20261128140910 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "procedures"."procedure" ("id" uuid not null, "tenant_id" uuid not null, "tenant_name" text not null, "path" text not null, "title" text not null, "description" text not null default '', "state" text not null default 'brouillon', "draft_revision_id" uuid not null, "published_revision_id" uuid null, "mail_templates" jsonb not null, "attestation_templates" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "published_at" timestamptz null, "closes_at" timestamptz null, constraint "procedure_pkey" primary key ("id"));`);
    this.addSql(`alter table "procedures"."procedure" add constraint "procedure_path_unique" unique ("path");`);
    this.addSql(`create index "procedure_public_idx" on "procedures"."procedure" ("state", "published_at");`);
    this.addSql(`create index "procedure_tenant_idx" on "procedures"."procedure" ("tenant_id", "created_at");`);

    this.addSql(`create table "procedures"."procedure_revision" ("id" uuid not null, "procedure_id" uuid not null, "tenant_id" uuid not null, "fields" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, constraint "procedure_revision_pkey" primary key ("id"));`);
    this.addSql(`create index "procedure_revision_procedure_idx" on "procedures"."procedure_revision" ("procedure_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."procedure" cascade;`);

    this.addSql(`drop table if exists "procedures"."procedure_revision" cascade;`);
  }

}
