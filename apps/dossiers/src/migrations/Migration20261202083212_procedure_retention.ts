import { Migration } from '@mikro-orm/migrations';

export class Migration20261202083212_procedure_retention extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dossiers"."procedure_retention" ("procedure_id" uuid not null, "tenant_id" uuid not null, "retention_months" int not null, "changed_at" timestamptz not null, constraint "procedure_retention_pkey" primary key ("procedure_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dossiers"."procedure_retention" cascade;`);
  }

}
