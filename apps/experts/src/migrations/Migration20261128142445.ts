import { Migration } from '@mikro-orm/migrations';

export class Migration20261128142445 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "experts"."avis" ("id" uuid not null, "tenant_id" uuid not null, "dossier_id" uuid not null, "dossier_number" int not null, "procedure_title" text not null, "expert_email" text not null, "introduction" text not null, "confidential" boolean not null, "question" text null, "answer" text null, "question_answer" boolean null, "requested_by" text not null, "requested_by_account_id" uuid not null, "requested_at" timestamptz not null, "answered_at" timestamptz null, "revoked_at" timestamptz null, constraint "avis_pkey" primary key ("id"));`);
    this.addSql(`create index "avis_expert_idx" on "experts"."avis" ("expert_email", "requested_at");`);
    this.addSql(`create index "avis_dossier_idx" on "experts"."avis" ("tenant_id", "dossier_id", "requested_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "experts"."avis" cascade;`);
  }

}
