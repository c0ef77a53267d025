import { Migration } from '@mikro-orm/migrations';

export class Migration20261129001429_lifecycle_settings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "procedures"."procedure" add column "service_contact" jsonb null, add column "logo_file_id" uuid null, add column "declarative_mode" text null, add column "sva_svr" jsonb null, add column "retention_months" int not null default 12, add column "experts_allowed" boolean not null default true, add column "submission_message" text not null default '', add column "closed_at" timestamptz null, add column "closure_reason" text null, add column "closure_details" text null, add column "replacement_procedure_id" uuid null, add column "closed_automatically" boolean not null default false;`);
    this.addSql(`create index "procedure_deadline_idx" on "procedures"."procedure" ("state", "closes_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "procedures"."procedure_deadline_idx";`);
    this.addSql(`alter table "procedures"."procedure" drop column "service_contact", drop column "logo_file_id", drop column "declarative_mode", drop column "sva_svr", drop column "retention_months", drop column "experts_allowed", drop column "submission_message", drop column "closed_at", drop column "closure_reason", drop column "closure_details", drop column "replacement_procedure_id", drop column "closed_automatically";`);
  }

}
