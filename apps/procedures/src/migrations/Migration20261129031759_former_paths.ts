import { Migration } from '@mikro-orm/migrations';

export class Migration20261129031759_former_paths extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "procedures"."procedure_former_path" ("path" text not null, "procedure_id" uuid not null, "tenant_id" uuid not null, "retired_at" timestamptz not null, constraint "procedure_former_path_pkey" primary key ("path"));`);
    this.addSql(`create index "procedure_former_path_procedure_idx" on "procedures"."procedure_former_path" ("procedure_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "procedures"."procedure_former_path" cascade;`);
  }

}
