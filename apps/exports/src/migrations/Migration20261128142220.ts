import { Migration } from '@mikro-orm/migrations';

export class Migration20261128142220 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "exports"."export_job" ("id" uuid not null, "tenant_id" uuid not null, "procedure_id" uuid not null, "requested_by" uuid not null, "format" text not null default 'csv', "status" text not null default 'pending', "dossier_count" int null, "error" text null, "object_key" text not null, "created_at" timestamptz not null, "ready_at" timestamptz null, "attempts" int not null default 0, "lease_token" uuid null, "lease_expires_at" timestamptz null, constraint "export_job_pkey" primary key ("id"));`);
    this.addSql(`create index "export_job_tenant_idx" on "exports"."export_job" ("tenant_id", "created_at");`);
    this.addSql(`create index "export_job_queue_idx" on "exports"."export_job" ("status", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "exports"."export_job" cascade;`);
  }

}
