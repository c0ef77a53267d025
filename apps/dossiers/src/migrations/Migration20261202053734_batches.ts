import { Migration } from '@mikro-orm/migrations';

export class Migration20261202053734_batches extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."batch_operation" ("id" uuid not null, "tenant_id" uuid not null, "procedure_id" uuid not null, "actor" jsonb not null, "action" text not null, "motivation" text null, "state" text not null default 'en_cours', "total" int not null, "succeeded" int not null default 0, "failed" int not null default 0, "capped" boolean not null default false, "created_at" timestamptz not null, "finished_at" timestamptz null, constraint "batch_operation_pkey" primary key ("id"));`);

    this.addSql(`create table "dossiers"."batch_operation_item" ("batch_id" uuid not null, "dossier_id" uuid not null, "position" int not null, "number" int null, "status" text not null default 'en_attente', "error_code" text null, "error_message" text null, "done_at" timestamptz null, constraint "batch_operation_item_pkey" primary key ("batch_id", "dossier_id"));`);
    this.addSql(`create index "batch_operation_item_pending_idx" on "dossiers"."batch_operation_item" ("batch_id", "position") where "status" = 'en_attente';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."batch_operation" cascade;`);

    this.addSql(`drop table if exists "dossiers"."batch_operation_item" cascade;`);
  }

}
