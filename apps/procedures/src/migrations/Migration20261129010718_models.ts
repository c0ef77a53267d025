import { Migration } from '@mikro-orm/migrations';

export class Migration20261129010718_models extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "procedures"."procedure_model" ("procedure_id" uuid not null, "tenant_id" uuid not null, "description" text not null default '', "shared_at" timestamptz not null, constraint "procedure_model_pkey" primary key ("procedure_id"));`);
    this.addSql(`create index "procedure_model_shared_idx" on "procedures"."procedure_model" ("shared_at", "procedure_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."procedure_model" cascade;`);
  }

}
