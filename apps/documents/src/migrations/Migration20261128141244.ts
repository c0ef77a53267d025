import { Migration } from '@mikro-orm/migrations';

export class Migration20261128141244 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "documents"."attestation" ("id" uuid not null, "tenant_id" uuid not null, "dossier_id" uuid not null, "traitement_id" uuid not null, "kind" text not null, "object_key" text not null, "status" text not null default 'ready', "generated_at" timestamptz not null, "withdrawn_at" timestamptz null, constraint "attestation_pkey" primary key ("id"));`);
    this.addSql(`alter table "documents"."attestation" add constraint "attestation_traitement_unique" unique ("traitement_id");`);
    this.addSql(`create index "attestation_dossier_idx" on "documents"."attestation" ("tenant_id", "dossier_id", "generated_at");`);

    this.addSql(`create table "documents"."decision_withdrawal" ("dossier_id" uuid not null, "tenant_id" uuid not null, "withdrawn_through" timestamptz not null, constraint "decision_withdrawal_pkey" primary key ("dossier_id"));`);

    this.addSql(`create table "documents"."stored_file" ("id" uuid not null, "tenant_id" uuid null, "dossier_id" uuid null, "owner_account_id" uuid not null, "purpose" text not null, "file_name" text not null, "mime_type" text not null, "size" int not null, "object_key" text not null, "status" text not null default 'pending', "rejection_code" text null, "rejection_message" text null, "created_at" timestamptz not null, "confirmed_at" timestamptz null, constraint "stored_file_pkey" primary key ("id"));`);
    this.addSql(`create index "stored_file_tenant_dossier_idx" on "documents"."stored_file" ("tenant_id", "dossier_id");`);
    this.addSql(`create index "stored_file_owner_idx" on "documents"."stored_file" ("owner_account_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "documents"."attestation" cascade;`);

    this.addSql(`drop table if exists "documents"."decision_withdrawal" cascade;`);

    this.addSql(`drop table if exists "documents"."stored_file" cascade;`);
  }

}
